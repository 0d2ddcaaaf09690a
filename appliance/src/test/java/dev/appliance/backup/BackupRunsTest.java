package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run's two snapshots found again by its run tag, and the run a restore names picked out. */
class BackupRunsTest {

  /** A verified run's part. */
  private static Snapshot snapshot(String id, String time, String run, String part) {
    List<String> tags = new java.util.ArrayList<>(BackupTags.of(run, part, "1.0", "2.0"));
    tags.add(BackupTags.VERIFIED);
    return new Snapshot(id, Instant.parse(time), "app-1", tags, List.of(part.equals(BackupTags.DATABASE) ? "/app.pgdump" : "/etc"));
  }

  private static final Snapshot A_DB = snapshot("a1d0000000000000000000000000000000000000000000000000000000000001",
      "2026-12-01T22:30:00Z", "20261201-223000", BackupTags.DATABASE);
  private static final Snapshot A_FILES = snapshot("a1f0000000000000000000000000000000000000000000000000000000000002",
      "2026-12-01T22:31:00Z", "20261201-223000", BackupTags.FILES);
  private static final Snapshot B_DB = snapshot("b2d0000000000000000000000000000000000000000000000000000000000003",
      "2026-12-02T22:30:00Z", "20261202-223000", BackupTags.DATABASE);
  private static final Snapshot B_FILES = snapshot("b2f0000000000000000000000000000000000000000000000000000000000004",
      "2026-12-02T22:31:00Z", "20261202-223000", BackupTags.FILES);
  /** The newest run lost its files' half (it failed before them): not a run to restore. */
  private static final Snapshot C_DB = snapshot("c3d0000000000000000000000000000000000000000000000000000000000005",
      "2026-12-03T22:30:00Z", "20261203-223000", BackupTags.DATABASE);

  private static final List<BackupRuns.Run> RUNS = BackupRuns.of(List.of(A_DB, A_FILES, B_DB, B_FILES, C_DB));

  @Test
  void snapshotsAreGroupedByTheirRunTagOldestFirst() {
    assertEquals(List.of(new BackupRuns.Run("20261201-223000", Optional.of(A_FILES), Optional.of(A_DB)),
        new BackupRuns.Run("20261202-223000", Optional.of(B_FILES), Optional.of(B_DB)),
        new BackupRuns.Run("20261203-223000", Optional.empty(), Optional.of(C_DB))), RUNS);
    assertFalse(RUNS.get(2).whole());
    assertEquals(C_DB, RUNS.get(2).any());
  }

  @Test
  void aSnapshotWithoutARunTagIsARunOfItsOwnWithNeitherPart() {
    Snapshot stray = new Snapshot("ffff000000000000000000000000000000000000000000000000000000000009",
        Instant.parse("2026-12-04T00:00:00Z"), "app-1", List.of("appliance", BackupTags.VERIFIED), List.of("/x"));
    List<BackupRuns.Run> runs = BackupRuns.of(List.of(A_DB, stray, A_FILES));
    assertEquals(List.of("20261201-223000", stray.id()), runs.stream().map(BackupRuns.Run::id).toList());
    assertEquals(Optional.empty(), BackupRuns.select(runs, "ffff"), "not whole");
    assertEquals("20261201-223000", BackupRuns.select(runs, "latest").orElseThrow().id());
  }

  @Test
  void latestIsTheNewestVerifiedRun() {
    assertEquals(Optional.of(RUNS.get(1)), BackupRuns.select(RUNS, "latest"));
    Snapshot unverifiedDb = new Snapshot("d4d0000000000000000000000000000000000000000000000000000000000006",
        Instant.parse("2026-12-04T22:30:00Z"), "app-1", BackupTags.of("20261204-223000", BackupTags.DATABASE, "1", "2"),
        List.of("/app.pgdump"));
    Snapshot unverifiedFiles = new Snapshot("d4f0000000000000000000000000000000000000000000000000000000000007",
        Instant.parse("2026-12-04T22:31:00Z"), "app-1", BackupTags.of("20261204-223000", BackupTags.FILES, "1", "2"),
        List.of("/etc"));
    List<BackupRuns.Run> withUnverified = BackupRuns.of(List.of(A_DB, A_FILES, B_DB, B_FILES, unverifiedDb, unverifiedFiles));
    assertEquals("20261202-223000", BackupRuns.select(withUnverified, "latest").orElseThrow().id(),
        "a whole run that never passed its verification is not the latest to restore");
    assertFalse(withUnverified.get(2).verified());
    assertEquals("20261204-223000", BackupRuns.select(withUnverified, "d4f").orElseThrow().id(), "named, it is chosen");
    assertEquals(Optional.empty(), BackupRuns.select(BackupRuns.of(List.of(C_DB)), "latest"), "no whole run");
    assertEquals(Optional.empty(), BackupRuns.select(List.of(), "latest"));
  }

  @Test
  void aRunIsNamedByItsIdOrAPrefixOfEitherSnapshot() {
    assertEquals(Optional.of(RUNS.get(0)), BackupRuns.select(RUNS, "20261201-223000"));
    assertEquals(Optional.of(RUNS.get(0)), BackupRuns.select(RUNS, "a1f0"), "the files' snapshot");
    assertEquals(Optional.of(RUNS.get(0)), BackupRuns.select(RUNS, "a1d0"), "the database's snapshot");
    assertEquals(Optional.of(RUNS.get(1)), BackupRuns.select(RUNS, B_FILES.id()), "a whole ID");
    assertEquals(Optional.of(RUNS.get(1)), BackupRuns.select(RUNS, "b2d"));
    assertEquals(Optional.of(RUNS.get(0)), BackupRuns.select(RUNS, "a"), "both snapshots that start with a are one run's");
  }

  @Test
  void anAmbiguousUnknownOrHalfRunIsNone() {
    assertEquals(Optional.empty(), BackupRuns.select(RUNS, "2026120"), "no run ID is a prefix match");
    assertEquals(Optional.empty(), BackupRuns.select(RUNS, "dead"));
    assertEquals(Optional.empty(), BackupRuns.select(RUNS, "20261203-223000"), "the half run");
    assertEquals(Optional.empty(), BackupRuns.select(RUNS, "c3d"));
    List<BackupRuns.Run> twins = BackupRuns.of(List.of(A_DB, A_FILES,
        snapshot("a1d9000000000000000000000000000000000000000000000000000000000006", "2026-12-05T22:30:00Z", "r2",
            BackupTags.DATABASE),
        snapshot("e5f0000000000000000000000000000000000000000000000000000000000007", "2026-12-05T22:31:00Z", "r2",
            BackupTags.FILES)));
    assertEquals(Optional.empty(), BackupRuns.select(twins, "a1d"), "two runs have a snapshot starting with a1d");
    assertTrue(BackupRuns.select(twins, "a1d9").isPresent());
  }
}
