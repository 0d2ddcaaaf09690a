package dev.appliance.update;

import dev.appliance.failure.FailureFlag;
import dev.appliance.update.UpdateJournal.Kind;
import dev.appliance.update.UpdateJournal.State;

/**
 * An update whose journal did not reach an end (its command was killed, the machine rebooted) taken to one, before
 * anything else touches the application: forward where the new version already took over (the switch was made, or
 * the new version was up behind the page with nothing written to it), back everywhere else, the database restored
 * from the dump if the update had taken one.
 */
final class UpdateRecovery {

  private final UpdateRun run;

  UpdateRecovery(UpdateRun run) {
    this.run = run;
  }

  /** Resumes or rolls back; returns whether the new version serves. */
  boolean converge() throws Exception {
    UpdateJournal journal = run.journal();
    State at = journal.state();
    String why = "its command ended at " + at.word() + " (killed, or the machine restarted)";
    run.log.accept("update: an unfinished update " + journal.describe() + "; " + (resumes(journal) ? "resuming it"
        : "rolling it back"));
    if (at == State.PREFLIGHT) {
      // Nothing was changed before the backup had passed; the images' names may have moved with a fetch.
      run.renameBack(journal.from());
      run.reach(State.NOT_ATTEMPTED, why + ", before its backup had passed");
      return false;
    }
    if (resumes(journal)) {
      try {
        if (journal.kind() == Kind.SWITCH) {
          new WebSwitch(run).finish(journal.to());
        } else {
          MaintenanceUpdate maintenance = new MaintenanceUpdate(run);
          maintenance.start(run.containers(journal.to()));
          maintenance.serve(journal.to());
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        // Going on failed where going back is no longer safe: people decide, the supervisor waits no longer.
        String reason = "the update " + journal.describe() + " could not be finished: " + e.getMessage()
            + ". See appliance status; then run appliance rollback --yes, or fix the cause and run appliance update";
        run.reach(State.FAILED, reason);
        new FailureFlag(run.root, run.installation.clock()).raise("update", reason, run.installation.alerts(), run.log);
        throw new java.io.IOException(reason, e);
      }
      run.done();
      return true;
    }
    if (journal.kind() == Kind.SWITCH && at != State.ROLLING_BACK) {
      // The old version served all along (a compatible migration is one it works with): nothing to restore.
      new WebSwitch(run).back(journal.from(), journal.to(), why);
    } else {
      new MaintenanceUpdate(run).rollBack(journal.from(), journal.to(), at, why);
    }
    run.alertRolledBack(at, why);
    return false;
  }

  private static boolean resumes(UpdateJournal journal) {
    return journal.kind() == Kind.SWITCH && journal.state() == State.SWITCHED
        || journal.kind() == Kind.MAINTENANCE && journal.state() == State.CANDIDATE_UP;
  }
}
