package dev.appliance.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.support.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failed state: raised once with its first reason, shown, alerted, refused by every step, cleared by hand. */
class FailureFlagTest {

  @TempDir
  Path dir;

  @Test
  void raisingShowsTheReasonAlertsOnceAndMakesEveryStepRefuseUntilCleared() throws Exception {
    HostRoot root = new HostRoot(dir);
    FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
    FailureFlag flag = new FailureFlag(root, time);
    List<String> alerts = new ArrayList<>();

    flag.raise("worker keeps failing", alerts::add);
    flag.raise("appliance.service failed", alerts::add);

    assertEquals("2026-12-01T10:00:00Z worker keeps failing", Files.readString(root.failedFlag()).strip());
    assertEquals(1, alerts.stream().filter(a -> a.startsWith("ALERT critical")).count(), alerts.toString());
    MaintenancePage page = new MaintenancePage(root, time);
    assertEquals("The appliance has failed", page.shown().orElseThrow());
    assertTrue(Files.readString(root.front().resolve(MaintenancePage.FILE)).contains(FailureFlag.RECOVERY));
    FailureFlag.FailedStateException refused = assertThrows(FailureFlag.FailedStateException.class,
        () -> flag.refuseIfRaised("prepare-app"));
    assertTrue(refused.getMessage().contains("worker keeps failing") && refused.getMessage().contains("clear-failed"),
        refused.getMessage());

    assertTrue(flag.clear());
    assertFalse(flag.clear());
    flag.refuseIfRaised("prepare-app");
  }
}
