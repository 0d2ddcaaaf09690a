package dev.appliance.steps;

import dev.appliance.alerts.Alert;
import dev.appliance.env.cli.Cli;
import dev.appliance.failure.FailureFlag;
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
          alert(context, step, e);
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
    context.alerts().resolve(Alert.FAILED + unit, unit + " ran to its end");
    return Outcome.DONE;
  }

  /** A step that failed tells the operators; bad input (the caller reads the answer) and the failed state do not. */
  private void alert(StepContext context, Step step, Exception e) {
    if (e instanceof Cli.BadInputException || e instanceof FailureFlag.FailedStateException) {
      return;
    }
    context.alerts().raise(Alert.critical(Alert.FAILED + unit, unit + " failed at " + step.name() + ": "
        + e.getMessage(), "The unit's steps before it are done; the ones after it did not run. Fix the cause, then run"
        + " it again: systemctl start appliance (or appliance " + unit + "); the journal has the details:"
        + " journalctl -u " + unit));
  }
}
