package dev.appliance.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedAlerts;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The failed state: raised once with its first reason, alerted, refused by every step, cleared by hand; the public
 * page says the service is down and since when, and gives the reason only where the active env allows it.
 */
class FailureFlagTest {

  private static final String REASON = "worker keeps failing (exit code 137; more than 5 restarts within 5 min)";

  /** A development env from env-new: made once, since env-new generates keys. */
  private static String developmentEnv;

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));

  @BeforeAll
  static void makeEnv(@TempDir Path envDir) throws IOException {
    developmentEnv = Files.readString(TestEnvs.localhost(envDir));
  }

  @Test
  void raisingKeepsTheReasonAlertsOnceAndMakesEveryStepRefuseUntilCleared() throws Exception {
    HostRoot root = new HostRoot(dir);
    FailureFlag flag = new FailureFlag(root, time);
    RecordedAlerts recorded = new RecordedAlerts();
    List<String> alerts = recorded.lines;
    List<String> log = new ArrayList<>();

    flag.raise("crash-loop/worker", REASON, recorded, log::add);
    flag.raise("appliance", "appliance.service failed", recorded, log::add);

    assertEquals("2026-12-01T10:00:00Z " + REASON, Files.readString(root.failedFlag()).strip());
    assertEquals(REASON, flag.reason().orElseThrow().substring("2026-12-01T10:00:00Z ".length()), "what status shows");
    List<String> critical = alerts.stream().filter(a -> a.startsWith("critical [failed/crash-loop/worker]: the appliance"
        + " has failed: " + REASON)).toList();
    assertEquals(1, critical.size(), alerts.toString());
    assertEquals(1, alerts.size(), "the second raise alerts nothing: " + alerts);
    assertEquals(List.of("the appliance is already in the failed state: 2026-12-01T10:00:00Z " + REASON), log);
    assertTrue(critical.get(0).contains(REASON) && critical.get(0).contains(FailureFlag.RECOVERY), critical.get(0));
    assertEquals("The appliance has failed", new MaintenancePage(root, time).shown().orElseThrow());
    FailureFlag.FailedStateException refused = assertThrows(FailureFlag.FailedStateException.class,
        () -> flag.refuseIfRaised("prepare-app"));
    assertTrue(refused.getMessage().contains("worker keeps failing") && refused.getMessage().contains("clear-failed"),
        refused.getMessage());

    assertTrue(flag.clear(recorded));
    assertEquals("resolved [failed/*]: the failed state was cleared (appliance clear-failed)", alerts.get(1));
    assertFalse(flag.clear(recorded));
    flag.refuseIfRaised("prepare-app");
  }

  @Test
  void withoutAReadableActiveEnvThePageHidesTheReason() throws Exception {
    HostRoot root = new HostRoot(dir);
    new FailureFlag(root, time).raise("crash-loop/worker", REASON, new RecordedAlerts(), line -> {});

    assertHidden(page(root));
  }

  @ParameterizedTest(name = "{0}, failure_details {1}: reason on the page {2}")
  @CsvSource({
      "production, , false",
      "staging, , false",
      "backup, , false",
      "qa, , true",
      "development, , true",
      "production, true, true",
      "development, false, false"})
  void theEnvDecidesWhetherVisitorsSeeTheReason(String environment, String failureDetails, boolean shown) throws Exception {
    HostRoot root = new HostRoot(dir);
    activate(root, environment, failureDetails);

    new FailureFlag(root, time).raise("crash-loop/worker", REASON, new RecordedAlerts(), line -> {});

    String page = page(root);
    if (shown) {
      assertTrue(page.contains(REASON) && page.contains(FailureFlag.RECOVERY), page);
    } else {
      assertHidden(page);
    }
    assertTrue(new FailureFlag(root, time).reason().orElseThrow().contains(REASON), "status keeps the reason");
  }

  private static void assertHidden(String page) {
    assertFalse(page.contains("worker") || page.contains("137") || page.contains("clear-failed"), page);
    assertTrue(page.contains("unavailable since 2026-12-01T10:00:00Z") && page.contains("The failure is recorded for the operators."),
        page);
  }

  /** The development env made for {@code environment}, with {@code failureDetails} if given, as the active env. */
  private void activate(HostRoot root, String environment, String failureDetails) throws IOException {
    String env = developmentEnv.replaceFirst("(?m)^  environment: development$", "  environment: " + environment);
    assertTrue(env.contains("\n  environment: " + environment + "\n"), "env-new writes appliance/environment");
    if (failureDetails != null) {
      env = env.replaceFirst("(?m)^  # failure_details:$", "  failure_details: " + failureDetails);
      assertTrue(env.contains("\n  failure_details: " + failureDetails + "\n"), "env-new shows appliance/failure_details");
    }
    ActiveEnv.write(root, "test", env.getBytes(StandardCharsets.UTF_8), time.instant());
  }

  private static String page(HostRoot root) throws IOException {
    return Files.readString(root.front().resolve(MaintenancePage.FILE));
  }
}
