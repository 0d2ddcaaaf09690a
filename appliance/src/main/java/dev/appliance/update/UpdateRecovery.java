package dev.appliance.update;

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
    run.log.accept("update: an unfinished update " + journal.describe() + "; "
        + (resumes(journal) ? "resuming it" : "rolling it back"));
    String why = "its command ended at " + at.word() + " (killed, or the machine restarted)";
    if (journal.kind() == Kind.SWITCH && at == State.SWITCHED) {
      new WebSwitch(run).finish(journal.to());
      run.done();
      return true;
    }
    if (journal.kind() == Kind.MAINTENANCE && at == State.CANDIDATE_UP) {
      new MaintenanceUpdate(run).serve(journal.to());
      run.done();
      return true;
    }
    if (journal.kind() == Kind.SWITCH && journal.dump().isEmpty() && at != State.ROLLING_BACK) {
      new WebSwitch(run).back(journal.from(), journal.to(), why);
      run.alertRolledBack(at, why);
    } else {
      new MaintenanceUpdate(run).rollBack(journal.from(), journal.to(), at, why);
      run.alertRolledBack(at, why);
    }
    return false;
  }

  private static boolean resumes(UpdateJournal journal) {
    return journal.kind() == Kind.SWITCH && journal.state() == State.SWITCHED
        || journal.kind() == Kind.MAINTENANCE && journal.state() == State.CANDIDATE_UP;
  }
}
