package dev.appliance.backup;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The supervisor's watch on the last verified backup: older than 26 hours (a nightly backup missed, or failing), or
 * none 26 hours after the supervisor started, raises {@value #ALERT}; a verified run resolves it. Checked every
 * 5 minutes.
 */
public final class BackupAge {

  public static final String ALERT = "backup/age";
  static final Duration LIMIT = Duration.ofHours(26);
  static final Duration EVERY = Duration.ofMinutes(5);

  private final HostRoot root;
  private final Clock clock;
  private final Alerts alerts;
  private final Instant since;
  private Instant next;

  public BackupAge(HostRoot root, Clock clock, Alerts alerts) {
    this.root = root;
    this.clock = clock;
    this.alerts = alerts;
    this.since = clock.instant();
    this.next = since;
  }

  public void poll() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(EVERY);
    Optional<Instant> verified;
    try {
      verified = BackupState.load(root).lastVerified();
    } catch (IOException e) {
      return; // /data unreadable: the space and failure watches say so
    }
    Instant from = verified.orElse(since);
    if (Duration.between(from, now).compareTo(LIMIT) > 0) {
      alerts.raise(Alert.critical(ALERT, verified.map(v -> "the last verified backup is from " + v)
              .orElse("no verified backup since the appliance started at " + since),
          "Backups older than " + LIMIT.toHours() + " hours: the nightly backup did not run or failed. See: appliance"
              + " status, journalctl -u appliance-backup; run one now: systemctl start appliance-backup"));
    }
  }
}
