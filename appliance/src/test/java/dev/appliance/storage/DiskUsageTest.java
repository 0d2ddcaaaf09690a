package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The levels of a file system's usage, at their edges, and the percent counted as df counts it. */
class DiskUsageTest {

  private static final long MIB = 1024 * 1024;

  @ParameterizedTest(name = "{0} MiB used, {1} MiB available, minimum {2} MiB: {3} % used, {4}")
  @CsvSource({
      "790, 210, 0, 79, OK",
      "800, 200, 0, 80, WARNING",
      "940, 60, 0, 94, WARNING",
      "941, 59, 0, 95, CRITICAL", // 94.1 % is 95 % for df, which rounds up
      "1000, 0, 0, 100, CRITICAL",
      "100, 900, 1024, 10, CRITICAL", // under the minimum however little is used
      "100, 1024, 1024, 9, OK", // exactly the minimum is enough
      "0, 0, 0, 100, CRITICAL"}) // a file system with no room at all
  void levelsAtTheirEdges(long usedMib, long availableMib, long minimumMib, int percent, SpaceLevel level) {
    DiskUsage usage = new DiskUsage("/data", usedMib * MIB, availableMib * MIB);
    assertEquals(percent, usage.usedPercent());
    assertEquals(level, usage.level(minimumMib));
  }

  @Test
  void describedWithPercentAndFreeMebibytes() {
    assertEquals("/data is 83 % full (170 MiB free)", new DiskUsage("/data", 830 * MIB, 170 * MIB).describe());
  }
}
