package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedAlerts;
import dev.appliance.support.TestEnvs;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As root, on real file systems: ROOT/data and ROOT/volatile are 20 MiB tmpfs mounts, and /data is filled with a
 * file. {@code status} and the supervisor's watch say warning, then critical, and status then exits 1.
 */
class DiskFullIT {

  private static final Duration MOUNT_TIMEOUT = Duration.ofSeconds(20);

  @TempDir
  Path work;

  private final ProcessRunner processes = new ProcessRunner();
  private final List<Path> mounted = new ArrayList<>();
  private Path root;

  @BeforeEach
  void mountSmallFileSystems() throws Exception {
    root = work.resolve("root");
    for (String path : DiskSpace.PATHS) {
      Path target = Files.createDirectories(root.resolve(path.substring(1)));
      processes.run(List.of("mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", target.toString()), MOUNT_TIMEOUT);
      mounted.add(target);
    }
  }

  @AfterEach
  void unmount() throws Exception {
    for (Path target : mounted) {
      processes.run(List.of("umount", target.toString()), MOUNT_TIMEOUT);
    }
  }

  /** Adds {@code mib} MiB of real (not sparse) data to the filler file on /data. */
  private void fill(double mib) throws Exception {
    try (OutputStream out = Files.newOutputStream(root.resolve("data/filler"), StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      out.write(new byte[(int) (mib * 1024 * 1024)]);
    }
  }

  @Test
  void aFillingDataDiskIsAWarningThenCriticalInStatusAndInTheWatch() throws Exception {
    Path stack = TestEnvs.stack(work.resolve("stack"), "diskit" + UUID.randomUUID().toString().substring(0, 8));
    ApplianceCli cli = new ApplianceCli(root, stack, TestEnvs.freePort(), TestEnvs.freePort(), 2);
    FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    RecordedAlerts recorded = new RecordedAlerts();
    List<String> alerts = recorded.lines;
    SpaceWatch watch = new SpaceWatch(DiskSpace.of(new HostRoot(root)), 2, time, recorded);

    fill(17);
    ApplianceCli.Result warning = cli.run("status");
    // Nothing runs in this root: 3, stopped; a warning does not make it 1.
    assertEquals(3, warning.code(), "a warning is no failure: " + warning.out() + warning.err());
    assertTrue(warning.out().contains("space:       /data      85 % used, 3 MiB free: warning"), warning.out());
    assertTrue(warning.out().contains("space:       /volatile   0 % used, 20 MiB free: ok"), warning.out());
    watch.poll();
    assertEquals(List.of("resolved [disk/data/critical]: /data is 85 % full (3 MiB free), below the critical level again",
        "warning [disk/data]: /data is 85 % full (3 MiB free); Critical from 95 %; free space there (old"
        + " dumps in /data/pgdump, 'appliance cleanup' for unused images) or grow the disk",
        "resolved [disk/volatile*]: /volatile is 0 % full (20 MiB free), below the warning level again"), alerts);

    fill(2.5);
    ApplianceCli.Result critical = cli.run("status");
    ApplianceCli.Result json = cli.run("status", "--json");
    assertEquals(1, critical.code(), critical.out() + critical.err());
    assertTrue(critical.out().contains("space:       /data      98 % used, 0 MiB free: critical"), critical.out());
    assertEquals(1, json.code());
    assertTrue(json.out().replaceAll("\\s", "").contains("{\"path\":\"/data\",\"usedPercent\":98,\"freeMib\":0,"
        + "\"level\":\"critical\","), json.out());
    time.sleep(Duration.ofSeconds(30));
    watch.poll();
    assertEquals(4, alerts.size(), alerts.toString());
    assertTrue(alerts.get(3).startsWith("critical [disk/data/critical]: /data is 98 % full (0 MiB free), under the minimum of 2 MiB;"),
        alerts.get(3));
  }
}
