package dev.appliance.steps;

import dev.appliance.backup.Restore;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.stack.Stack;
import dev.appliance.update.Update;
import java.util.List;

/**
 * {@code prepare-app}: every image present first, loaded, built or pulled when missing (nothing is stopped before);
 * then, on a new version, the database dumped and migrated ({@link MigrateDatabase}).
 */
public final class PrepareApp {

  /** The unit, as logs and alerts name it. */
  static final String UNIT = "prepare-app";

  private final Installation installation;

  public PrepareApp(Installation installation) {
    this.installation = installation;
  }

  public Recipe.Outcome run() throws Exception {
    new FailureFlag(installation.root(), installation.clock()).refuseIfRaised("prepare-app");
    Restore.refuseIfIncomplete(installation.root(), "prepare-app");
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    if (env.appliance().standby()) {
      installation.log().accept("standby: nothing to prepare");
      return Recipe.Outcome.DONE;
    }
    installation.hold(ApplianceLock.EXCLUSIVE, "prepare-app");
    // An update the machine's restart cut short ends first: it says which version's stack this start prepares.
    Update.finishUnfinished(installation, env);
    Stack stack = installation.stack(env);
    PrepareImages images = new PrepareImages(installation, stack);
    Recipe recipe = new Recipe(UNIT, List.of(images, new MigrateDatabase(stack, env, images)));
    Recipe.Outcome outcome = installation.stoppable(stack, () -> recipe.run(installation));
    if (outcome == Recipe.Outcome.STOPPED) {
      installation.stopAll(stack);
    }
    return outcome;
  }
}
