package dev.appliance.update;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.update.UpdateJournal.Kind;
import dev.appliance.update.UpdateJournal.State;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code appliance rollback}: back to the version the last update came from, by hand, once the new one served.
 * An update that migrated the database is undone with the dump taken before it, which loses every write since:
 * that needs {@code --yes}, after being told how long that is. One without a migration switches back without
 * downtime and touches no data.
 */
public final class Rollback {

  private final Installation installation;

  public Rollback(Installation installation) {
    this.installation = installation;
  }

  public int run(boolean yes, Consumer<String> out) throws Exception {
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    UpdateJournal journal = UpdateJournal.read(installation.root())
        .orElseThrow(() -> new Cli.BadInputException("no update was ever made here: there is nothing to roll back"));
    if (journal.unfinished()) {
      throw new Cli.BadInputException("the last update is unfinished (" + journal.describe() + "); run 'appliance update'"
          + " to take it to its end first");
    }
    // A failed one is the rollback that failed, or an update that could not be finished: its dump is tried again.
    if (journal.state() != State.DONE && journal.state() != State.FAILED) {
      throw new Cli.BadInputException("the last update did not end in done (" + journal.describe() + "): "
          + journal.from().label() + " serves already");
    }
    boolean restore = journal.migrates() && journal.dump().isPresent();
    Duration since = Duration.between(journal.changed(), installation.clock().instant());
    if (restore && !yes) {
      out.accept("rolling back to " + journal.from().label() + " restores the database from the dump taken before the"
          + " update (" + journal.dump().get() + "): every write since the update, " + describe(since) + " ago at "
          + journal.changed() + ", is lost.");
      throw new Cli.BadInputException("nothing was changed; to roll back and lose those writes: appliance rollback --yes");
    }
    installation.await(ApplianceLock.EXCLUSIVE, "rollback", Update.LOCK_PATIENCE);
    installation.awaitWork("rollback", Update.LOCK_PATIENCE);
    if (restore || journal.kind() == Kind.MAINTENANCE || journal.state() == State.FAILED) {
      UpdateRun run = new UpdateRun(installation, env, journal);
      new MaintenanceUpdate(run).rollBack(journal.from(), journal.to(), journal.state(), "appliance rollback, "
          + describe(since) + " after the update");
      if (journal.state() == State.FAILED) {
        new FailureFlag(installation.root(), installation.clock()).clear(installation.alerts());
      }
      return Cli.OK;
    }
    // A switch without a migration: the same switch the other way round, no data touched.
    UpdateJournal back = UpdateJournal.begin(journal.to(), journal.from(), Kind.SWITCH, false,
        installation.clock().instant());
    UpdateRun run = new UpdateRun(installation, env, back);
    back.write(installation.root());
    if (!new WebSwitch(run).run(journal.to(), journal.from())) {
      return Cli.FAILURE;
    }
    run.done();
    return Cli.OK;
  }

  private static String describe(Duration since) {
    return since.toHours() > 0 ? since.toHours() + " h " + since.toMinutesPart() + " min" : since.toMinutes() + " min";
  }
}
