package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.host.HostRoot;
import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedAlerts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's watch on the age of the last verified backup. */
class BackupAgeTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final String DETAILS = "; Backups older than 26 hours: the nightly backup did not run or failed. See:"
      + " appliance status, journalctl -u appliance-backup; run one now: systemctl start appliance-backup";

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime(START);
  private final RecordedAlerts alerts = new RecordedAlerts();

  private void verifiedAt(Instant when) throws Exception {
    BackupState.load(new HostRoot(dir)).verified(when.minusSeconds(300), when, 10, 1, "run", "all");
  }

  @Test
  void withoutABackupTheAlertComes26HoursAfterTheStart() throws Exception {
    BackupAge age = new BackupAge(new HostRoot(dir), time, alerts);
    age.poll();
    time.sleep(Duration.ofHours(26));
    age.poll();
    assertEquals(List.of(), alerts.lines, "not yet at 26 hours");
    time.sleep(Duration.ofMinutes(5));
    age.poll();
    assertEquals(List.of("critical [backup/age]: no verified backup since the supervisor first looked, at " + START
        + DETAILS), alerts.lines);
  }

  @Test
  void aRestartedSupervisorKeepsCountingFromTheFirstLook() throws Exception {
    new BackupAge(new HostRoot(dir), time, alerts).poll();
    time.sleep(Duration.ofHours(20));
    new BackupAge(new HostRoot(dir), time, alerts).poll();
    assertEquals(List.of(), alerts.lines);
    time.sleep(Duration.ofHours(7));
    new BackupAge(new HostRoot(dir), time, alerts).poll();
    assertEquals(1, alerts.lines.size(), "27 hours since the first supervisor looked, whatever restarted since");
  }

  @Test
  void aFreshVerifiedBackupRaisesNothingAndAnOldOneDoes() throws Exception {
    time.sleep(Duration.ofDays(3));
    BackupAge age = new BackupAge(new HostRoot(dir), time, alerts);
    verifiedAt(time.instant().minus(Duration.ofHours(2)));
    age.poll();
    time.sleep(Duration.ofHours(23));
    age.poll();
    assertEquals(List.of(), alerts.lines);

    Instant old = time.instant().minus(Duration.ofHours(27));
    verifiedAt(old);
    time.sleep(Duration.ofMinutes(5));
    age.poll();
    assertEquals(List.of("critical [backup/age]: the last verified backup is from " + old + DETAILS), alerts.lines);
  }

  @Test
  void itLooksAtMostEveryFiveMinutes() throws Exception {
    BackupAge age = new BackupAge(new HostRoot(dir), time, alerts);
    age.poll();
    time.sleep(Duration.ofHours(27));
    age.poll();
    assertEquals(1, alerts.lines.size(), alerts.lines.toString());
    time.sleep(Duration.ofMinutes(4));
    age.poll();
    time.sleep(Duration.ofSeconds(59));
    age.poll();
    assertEquals(1, alerts.lines.size(), "within 5 minutes of the last look");
    time.sleep(Duration.ofSeconds(1));
    age.poll();
    assertEquals(2, alerts.lines.size(), "5 minutes on: " + alerts.lines);
  }
}
