package dev.appliance.steps;

import java.util.List;
import java.util.Optional;

/**
 * The steps of one unit's subcommand, run in order; the first failure ends the recipe. A stop asked for meanwhile
 * ({@code appliance stop}, or SIGTERM through {@link Installation#stoppable}) ends it too, as stopped rather than
 * failed: a failure that follows a stop is the stop's.
 */
public record Recipe(String unit, List<Step> steps) {

  /** How a recipe ended. */
  public enum Outcome { DONE, STOPPED }

  public Recipe {
    steps = List.copyOf(steps);
  }

  public Outcome run(StepContext context) throws Exception {
    for (Step step : steps) {
      if (context.stopRequested()) {
        context.log().accept(unit + ": stopped, as asked, before " + step.name());
        return Outcome.STOPPED;
      }
      Optional<String> already = step.satisfied(context);
      if (already.isPresent()) {
        context.log().accept(step.name() + ": skipping: already " + already.get());
        continue;
      }
      try {
        step.apply(context);
      } catch (Exception e) {
        if (!context.stopRequested()) {
          throw e;
        }
        context.log().accept(unit + ": stopped, as asked, during " + step.name() + " (" + e.getMessage() + ")");
        return Outcome.STOPPED;
      }
    }
    // A stop during the last step that did not make it fail still ends the chain here, before the next unit.
    if (context.stopRequested()) {
      context.log().accept(unit + ": stopped, as asked, after its last step");
      return Outcome.STOPPED;
    }
    return Outcome.DONE;
  }
}
