package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /data/etc/backup/state: what the rotation, the status and the age alert read back. */
class BackupStateTest {

  private static final Instant T0 = Instant.parse("2026-12-01T22:30:00Z");

  @TempDir
  Path dir;

  private BackupState load() throws Exception {
    return BackupState.load(new HostRoot(dir));
  }

  private void verify(Instant now, String subset) throws Exception {
    load().verified(now.minusSeconds(600), now, 1000, 100, "run-" + now.getEpochSecond(), subset);
  }

  @Test
  void theFirstVerificationReadsAllThenTheRunsReadOneSeventhEachInTurn() throws Exception {
    assertEquals("all", load().nextSubset(T0), "no full read was ever done");
    verify(T0, "all");
    List<String> read = new ArrayList<>();
    for (int day = 1; day <= 9; day++) {
      Instant now = T0.plus(Duration.ofDays(day));
      String subset = load().nextSubset(now);
      read.add(subset);
      verify(now, subset);
    }
    assertEquals(List.of("1/7", "2/7", "3/7", "4/7", "5/7", "6/7", "7/7", "1/7", "2/7"), read);
  }

  @Test
  void allIsReadAgainThirtyDaysAfterTheLastFullRead() throws Exception {
    verify(T0, "all");
    assertEquals("1/7", load().nextSubset(T0.plus(BackupState.FULL_READ).minusSeconds(1)));
    assertEquals("all", load().nextSubset(T0.plus(BackupState.FULL_READ)));
    verify(T0.plus(Duration.ofDays(31)), "all");
    assertEquals("1/7", load().nextSubset(T0.plus(Duration.ofDays(32))), "the month starts again");
  }

  @Test
  void aVerifiedRunClearsTheLastErrorAndAFailedOneKeepsTheLastVerified() throws Exception {
    verify(T0, "all");
    load().failed(T0.plus(Duration.ofDays(1)), "restic check failed: pack abc is damaged");
    BackupState failed = load();
    assertEquals(Optional.of(T0), failed.lastVerified(), "a failure leaves what was verified before");
    assertEquals(Optional.of(T0.plus(Duration.ofDays(1))), failed.lastFailed());
    assertEquals(Optional.of("restic check failed: pack abc is damaged"), failed.lastError());
    assertEquals(Optional.of("run-" + T0.getEpochSecond()), failed.lastRunId());

    Instant later = T0.plus(Duration.ofDays(2));
    load().verified(later.minusSeconds(90), later, 5000, 300, "run-2", "1/7");
    BackupState verified = load();
    assertEquals(Optional.of(later), verified.lastVerified());
    assertEquals(Optional.empty(), verified.lastError());
    assertEquals(Optional.empty(), verified.lastFailed());
    assertEquals(Optional.of(Duration.ofSeconds(90)), verified.lastDuration());
    assertEquals(Optional.of(5000L), verified.lastBytes());
    assertEquals(Optional.of(300L), verified.lastAdded());
    assertEquals(Optional.of("run-2"), verified.lastRunId());
  }

  @Test
  void theRepositoryIdBelongsToTheUrlItWasOpenedAt() throws Exception {
    assertEquals(Optional.empty(), load().repositoryId("sftp://b@h/r"));
    load().opened("sftp://b@h/r", "4a1f");
    assertEquals(Optional.of("4a1f"), load().repositoryId("sftp://b@h/r"));
    assertEquals(Optional.empty(), load().repositoryId("sftp://b@h/other"), "another repository");
    load().opened("sftp://b@h/other", "77cc");
    assertEquals(Optional.empty(), load().repositoryId("sftp://b@h/r"));
    assertEquals(Optional.of("77cc"), load().repositoryId("sftp://b@h/other"));
  }

  @Test
  void aBrokenFileReadsAsAFreshState() throws Exception {
    verify(T0, "all");
    Path file = BackupState.file(new HostRoot(dir));
    assertEquals(dir.resolve("data/etc/backup/state"), file);
    Files.writeString(file, "last_verified=\\u00zz\nrepository=x\n");
    BackupState broken = load();
    assertEquals(Optional.empty(), broken.lastVerified());
    assertEquals(Optional.empty(), broken.repositoryId("x"));
    assertEquals("all", broken.nextSubset(T0));

    Files.writeString(file, "last_verified=yesterday\nlast_full_read=soon\nlast_bytes=many\nsubset_run=x\n");
    BackupState garbled = load();
    assertEquals(Optional.empty(), garbled.lastVerified(), "a value that is no time");
    assertEquals(Optional.empty(), garbled.lastBytes());
    assertEquals("all", garbled.nextSubset(T0));

    verify(T0, "all");
    assertEquals(Optional.of(T0), load().lastVerified(), "the next write makes it whole");
    assertTrue(Files.readString(file).contains("last_verified=2026-12-01T22\\:30\\:00Z"), Files.readString(file));
  }
}
