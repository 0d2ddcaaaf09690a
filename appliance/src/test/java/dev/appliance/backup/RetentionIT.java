package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention with the real restic: a verified run a day (both of its snapshots, made with --time) over 100 simulated
 * days and an unverified one after the last, then the env's default policy (7 daily, 4 weekly, 6 monthly) leaves
 * exactly the verified runs it names, each still whole.
 */
class RetentionIT {

  @TempDir
  Path work;

  @Test
  void aHundredDaysOfRunsLeaveExactlyTheDefaultPolicysRuns() throws Exception {
    HostRoot root = new HostRoot(work);
    Files.writeString(Files.createDirectories(work.resolve("data/etc")).resolve("note"), "kept");
    Files.createDirectories(work.resolve("volatile"));
    ResticRepository repository = ResticRepository.of(root, URI.create("file:///volatile/repo"),
        Secret.of("r".repeat(40)), Optional.empty(), Optional.empty(), Optional.empty());
    try (ResticAccess access = ResticAccess.open(root, repository)) {
      Restic restic = new Restic(new ProcessRunner(), access);
      restic.init();
      Instant first = Instant.parse("2026-01-01T22:30:00Z");
      // Four runs at a time (restic's backups share the repository's lock): 200 snapshots take a minute, not three.
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> runs = new ArrayList<>();
      for (int day = 0; day < 100; day++) {
        int d = day;
        runs.add(pool.submit(() -> {
          run(restic, "day" + d, first.plus(Duration.ofDays(d)), true);
          return null;
        }));
      }
      // A run later on the last day that never passed its verification: never kept in a verified one's place.
      runs.add(pool.submit(() -> {
        run(restic, "unverified", first.plus(Duration.ofDays(99)).plus(Duration.ofHours(1)), false);
        return null;
      }));
      pool.shutdown();
      for (Future<?> run : runs) {
        run.get(5, TimeUnit.MINUTES);
      }
      restic.forget("localhost", new Retention(7, 4, 6));
      List<BackupRuns.Run> kept = BackupRuns.of(restic.snapshots());
      // 7 daily: 4 to 10 April; 4 weekly (ISO weeks, newest of each): 10 April, 5 April, 29 and 22 March;
      // 6 monthly (only 4 months exist): 10 April, 31 March, 28 February, 31 January.
      List<LocalDate> expected = List.of("2026-01-31", "2026-02-28", "2026-03-22", "2026-03-29", "2026-03-31",
          "2026-04-04", "2026-04-05", "2026-04-06", "2026-04-07", "2026-04-08", "2026-04-09", "2026-04-10").stream()
          .map(LocalDate::parse).toList();
      assertEquals(expected, kept.stream().map(r -> LocalDate.ofInstant(r.any().time(), java.time.ZoneOffset.UTC)).toList());
      assertTrue(kept.stream().allMatch(r -> r.whole() && r.database().isPresent()), "each kept run has both snapshots");
      assertTrue(kept.stream().noneMatch(r -> r.id().equals("unverified")), "the unverified run is forgotten");
    }
  }

  /** One run as a backup makes it: the database's snapshot from standard input, then the files'. */
  private void run(Restic restic, String run, Instant time, boolean verified) throws Exception {
    // One /data for every run, as on an appliance: retention groups snapshots by their paths.
    Path data = work.resolve("data");
    Restic.StdinBackup dump = restic.startBackupStdin("app.pgdump", "localhost", tags(run, BackupTags.DATABASE, verified),
        time, status -> { });
    try (var in = dump.stdin()) {
      in.write(("dump of " + run).getBytes(StandardCharsets.UTF_8));
    }
    dump.finish();
    restic.backupFiles(data, List.of("etc"), List.of(), "localhost", tags(run, BackupTags.FILES, verified), time,
        status -> { });
  }

  private static List<String> tags(String run, String part, boolean verified) {
    List<String> tags = new ArrayList<>(BackupTags.of(run, part, "1", "app:1"));
    if (verified) {
      tags.add(BackupTags.VERIFIED);
    }
    return tags;
  }
}
