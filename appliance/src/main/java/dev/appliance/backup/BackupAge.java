package dev.appliance.backup;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The supervisor's watch on the last verified backup: older than 26 hours (a nightly backup missed, or failing), or
 * none 26 hours after a supervisor first looked on this machine (kept in the backup state, so that restarts do not
 * start the count again), raises {@value #ALERT}; a verified run resolves it. Checked every 5 minutes.
 */
public final class BackupAge {

  public static final String ALERT = "backup/age";
  /** Relative to /data; about this machine, so never part of a backup. */
  static final String WATCHED_SINCE = "etc/backup/watched-since";
  static final Duration LIMIT = Duration.ofHours(26);
  static final Duration EVERY = Duration.ofMinutes(5);

  private final HostRoot root;
  private final Clock clock;
  private final Alerts alerts;
  private Instant next;

  public BackupAge(HostRoot root, Clock clock, Alerts alerts) {
    this.root = root;
    this.clock = clock;
    this.alerts = alerts;
    this.next = clock.instant();
  }

  /** When a supervisor first looked here, in a file of the watch's own (a backup writes the state file meanwhile). */
  private Instant watchedSince(Instant now) throws IOException {
    Path file = root.resolve("/data/" + WATCHED_SINCE);
    if (Files.isRegularFile(file)) {
      return Instant.parse(Files.readString(file).strip());
    }
    root.files().write(file, "rw-------", now + "\n");
    return now;
  }

  public void poll() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(EVERY);
    Optional<Instant> verified;
    Instant from;
    try {
      verified = BackupState.load(root).lastVerified();
      from = verified.isPresent() ? verified.get() : watchedSince(now);
    } catch (IOException | RuntimeException e) {
      return; // /data unreadable: the space and failure watches say so
    }
    if (Duration.between(from, now).compareTo(LIMIT) > 0) {
      alerts.raise(Alert.critical(ALERT, verified.map(v -> "the last verified backup is from " + v)
              .orElse("no verified backup since the supervisor first looked, at " + from),
          "Backups older than " + LIMIT.toHours() + " hours: the nightly backup did not run or failed. See: appliance"
              + " status, journalctl -u appliance-backup; run one now: systemctl start appliance-backup"));
    }
  }
}
