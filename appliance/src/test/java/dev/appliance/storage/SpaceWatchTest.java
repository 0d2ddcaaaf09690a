package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedAlerts;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The free-space watch on a disk filled in memory: one alert a change of level (and an open one from before resolved at the first measure), a measure every 30 s. */
class SpaceWatchTest {

  private static final long MIB = 1024 * 1024;

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
  private final RecordedAlerts alerts = new RecordedAlerts();
  private final Map<String, Long> usedMib = new ConcurrentHashMap<>(Map.of("/data", 100L, "/volatile", 100L));
  private int measures;
  /** A 1000 MiB disk at each path, used as {@link #usedMib} says; a negative value cannot be read. */
  private final DiskSpace disk = path -> {
    measures++;
    long used = usedMib.get(path);
    if (used < 0) {
      throw new IOException("/data: Input/output error");
    }
    return new DiskUsage(path, used * MIB, (1000 - used) * MIB);
  };
  private final SpaceWatch watch = new SpaceWatch(disk, 64, time, alerts);

  private List<String> log() {
    return alerts.lines;
  }

  /** Fills /data to {@code mib}, lets {@code wait} pass and polls. */
  private void pollAt(long mib, Duration wait) throws InterruptedException {
    usedMib.put("/data", mib);
    time.sleep(wait);
    watch.poll();
  }

  @Test
  void eachChangeOfLevelIsLoggedOnceAndTheReturnToOkToo() throws Exception {
    watch.poll();
    pollAt(830, Duration.ofSeconds(30));
    pollAt(840, Duration.ofSeconds(30));
    pollAt(960, Duration.ofSeconds(30));
    pollAt(990, Duration.ofSeconds(30));
    pollAt(500, Duration.ofSeconds(30));

    assertEquals(List.of(
        "resolved [disk/data]: /data is 10 % full (900 MiB free), below the warning level again",
        "resolved [disk/volatile]: /volatile is 10 % full (900 MiB free), below the warning level again",
        "warning [disk/data]: /data is 83 % full (170 MiB free); Critical from 95 %; free space there (old dumps in"
            + " /data/pgdump, 'appliance cleanup' for unused images) or grow the disk",
        "critical [disk/data]: /data is 96 % full (40 MiB free), under the minimum of 64 MiB; Services fail to write"
            + " once it is full (uploads, the database): free space there (old dumps in /data/pgdump, 'appliance"
            + " cleanup' for unused images) or grow the disk",
        "resolved [disk/data]: /data is 50 % full (500 MiB free), below the warning level again"), log());
  }

  @Test
  void measuresEveryThirtySecondsOfTheClockHoweverOftenPolled() throws Exception {
    watch.poll();
    assertEquals(2, measures, "/data and /volatile at the first poll");
    pollAt(990, Duration.ofSeconds(10));
    pollAt(990, Duration.ofSeconds(19));
    assertEquals(2, measures, "not again within 30 s");
    assertEquals(List.of(), log().subList(2, log().size()), "after the first poll's resolutions of what was left open");

    pollAt(990, Duration.ofSeconds(1));
    assertEquals(4, measures);
    assertEquals(3, log().size(), log().toString());
  }

  @Test
  void aPathThatCannotBeMeasuredIsCriticalOnceAndItsReturnIsSaid() throws Exception {
    pollAt(-1, Duration.ZERO);
    pollAt(-1, Duration.ofSeconds(30));
    pollAt(100, Duration.ofSeconds(30));

    assertEquals(List.of("critical [disk/data]: the free space of /data cannot be read: /data: Input/output error; A"
        + " file system that cannot be read is no reason for calm; look at it: df -h /data; dmesg",
        "resolved [disk/volatile]: /volatile is 10 % full (900 MiB free), below the warning level again",
        "resolved [disk/data]: /data is 10 % full (900 MiB free), below the warning level again"), log());
  }
}
