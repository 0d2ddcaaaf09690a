package dev.appliance.backup;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The backups as status and the metrics show them, from {@link BackupState}; null fields: never happened.
 *
 * @param lastVerified when the last verified run ended (ISO-8601)
 * @param lastDurationMs how long it took
 * @param lastBytes what it read (the dump and the files)
 * @param lastFailed when the last run failed, if no verified one came since
 * @param drillLastSuccess when the restore drill last passed
 * @param drillLastError why the last drill failed, if the last one did
 * @param atWork the holder of the appliance's work lock (a backup, a restore, a drill running), if any
 * @param restoreIncomplete what the marker of a restore that began to replace /data and did not finish says, if any
 */
public record BackupStatus(String lastVerified, String lastRun, Long lastDurationMs, Long lastBytes, String lastFailed,
    String lastError, String drillLastRun, String drillLastSuccess, String drillLastError, String atWork,
    String restoreIncomplete) {

  public static BackupStatus read(HostRoot root, java.util.Optional<String> atWork) throws IOException {
    BackupState state = BackupState.load(root);
    return new BackupStatus(text(state.lastVerified()), state.lastRunId().orElse(null),
        state.lastDuration().map(d -> d.toMillis()).orElse(null), state.lastBytes().orElse(null),
        text(state.lastFailed()), state.lastError().orElse(null), text(state.drillLastRun()),
        text(state.drillLastSuccess()), state.drillLastError().orElse(null), atWork.orElse(null),
        java.nio.file.Files.exists(Restore.incomplete(root)) ? java.nio.file.Files.readString(Restore.incomplete(root)).strip() : null);
  }

  private static String text(java.util.Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(null);
  }

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("backup:      " + (lastVerified == null ? "no verified backup yet"
        : "last verified " + lastVerified + " (run " + lastRun + ", " + Progress.mib(lastBytes == null ? 0 : lastBytes)
            + ", " + (lastDurationMs == null ? 0 : lastDurationMs) / 1000.0 + " s)"));
    if (restoreIncomplete != null) {
      lines.add("  RESTORE INCOMPLETE (" + restoreIncomplete + "): the appliance will not start; run: appliance restore --yes");
    }
    if (atWork != null) {
      lines.add("  at work:   " + atWork);
    }
    if (lastFailed != null) {
      lines.add("  FAILED     " + lastFailed + ": " + lastError);
    }
    lines.add("  drill:     " + (drillLastRun == null ? "never run (appliance restore-drill --now)"
        : drillLastError != null ? "FAILED " + drillLastRun + ": " + drillLastError : "passed " + drillLastSuccess));
    return lines;
  }
}
