package dev.appliance.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reboot window as systemd itself computes the expression's times. */
class RebootWindowTest {

  @TempDir
  Path dir;

  @Test
  void opensForAnHourAtEachElapseOfTheExpression() throws Exception {
    assumeTrue(ProcessRunner.firstOnPath("systemd-analyze").isPresent(), "systemd-analyze is not installed");
    HostRoot root = new HostRoot(dir);
    root.files().write(RebootWindow.flag(root), "rw-r--r--", "");
    RebootWindow window = new RebootWindow(root, Optional.of(new CalendarExpression("*-*-* 09:30:00 UTC")),
        new ProcessRunner());
    assertEquals(Optional.empty(), window.closed(Instant.parse("2026-12-01T09:30:00Z")), "at the time");
    assertEquals(Optional.empty(), window.closed(Instant.parse("2026-12-01T10:29:00Z")), "59 minutes later");
    assertEquals(Optional.of("a reboot is required; it waits for appliance/update/reboot (*-*-* 09:30:00 UTC, next at"
        + " 2026-12-02T09:30:00Z)"), window.closed(Instant.parse("2026-12-01T10:31:00Z")), "61 minutes later");
    assertEquals(Optional.of("a reboot is required; it waits for appliance/update/reboot (*-*-* 09:30:00 UTC, next at"
        + " 2026-12-01T09:30:00Z)"), window.closed(Instant.parse("2026-12-01T09:29:00Z")), "a minute before");
  }

  @Test
  void withoutTheFlagOrWithNeverThereIsNoReboot() throws Exception {
    HostRoot root = new HostRoot(dir);
    Instant now = Instant.parse("2026-12-01T09:30:00Z");
    assertEquals(Optional.of("no reboot is required"),
        new RebootWindow(root, Optional.of(new CalendarExpression("daily")), new ProcessRunner()).closed(now));
    root.files().write(RebootWindow.flag(root), "rw-r--r--", "");
    assertEquals(Optional.of("a reboot is required, but appliance/update/reboot is never"),
        new RebootWindow(root, Optional.empty(), new ProcessRunner()).closed(now));
  }
}
