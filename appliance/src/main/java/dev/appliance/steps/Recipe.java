package dev.appliance.steps;

import java.util.List;
import java.util.Optional;

/** The steps of one unit's subcommand, run in order; the first failure ends the recipe. */
public record Recipe(String unit, List<Step> steps) {

  public Recipe {
    steps = List.copyOf(steps);
  }

  public void run(StepContext context) throws Exception {
    for (Step step : steps) {
      Optional<String> already = step.satisfied(context);
      if (already.isPresent()) {
        context.log().accept(step.name() + ": skipping: already " + already.get());
      } else {
        step.apply(context);
      }
    }
  }
}
