package dev.appliance.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.steps.Installation;
import dev.appliance.steps.StopRequest;
import dev.appliance.support.Eventually;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.HttpRecorder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loop's alerts through the supervisor, on the fake engine, to a real local heartbeat service: pings while
 * serving, {@code /fail} when the appliance fails, pings again after clear-failed and a start.
 */
class CrashLoopAlertsTest {

  @TempDir
  Path dir;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Eventually.await(condition, Duration.ofSeconds(20), what);
  }

  private static CompletableFuture<Integer> supervise(Installation installation) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new Supervisor(installation, new RestartBudget(1, Duration.ofMinutes(5)))
            .heartbeatEvery(Duration.ofSeconds(1)).run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Lets the worker die until the budget of one restart is spent. */
  private static void crashLoop(FakeAppliance appliance) throws InterruptedException {
    for (int death = 1; death <= 2; death++) {
      await(() -> appliance.engine.inspect("reference-worker").orElseThrow().running(), "the worker running");
      appliance.engine.kill("reference-worker", 3);
      if (death == 1) {
        await(() -> appliance.log.stream().anyMatch(l -> l.startsWith("worker exited (code 3); restarting")), "a restart");
      }
    }
  }

  @Test
  void theHeartbeatPingsWhileServingFailsWithTheApplianceAndPingsAgainAfterClearFailed() throws Exception {
    try (HttpRecorder heartbeat = new HttpRecorder()) {
      FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
      appliance.withActiveEnv(appliance.envWithAlert("heartbeat_url: " + heartbeat.uri("/ping/abc")));
      new MaintenancePage(appliance.root, appliance.time).operatorOn("tests");

      try (Installation installation = appliance.installation()) {
        CompletableFuture<Integer> run = supervise(installation);
        await(() -> heartbeat.at("/ping/abc").size() >= 1, "a first ping: " + heartbeat.requests);
        appliance.time.sleep(Duration.ofSeconds(2));
        await(() -> heartbeat.at("/ping/abc").size() >= 2, "a second ping, one interval later");
        crashLoop(appliance);
        assertEquals(Supervisor.FAILED, run.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, heartbeat.at("/ping/abc/fail").size(), heartbeat.requests.toString());
      assertTrue(heartbeat.at("/ping/abc/fail").get(0).body().contains("CRITICAL: the appliance has failed: worker keeps"
          + " failing"), heartbeat.at("/ping/abc/fail").get(0).body());
      int pingsBefore = heartbeat.at("/ping/abc").size();
      appliance.time.sleep(Duration.ofSeconds(5));
      Thread.sleep(1500);
      assertEquals(pingsBefore, heartbeat.at("/ping/abc").size(), "no ping once failed");

      try (Installation installation = appliance.installation()) {
        new FailureFlag(appliance.root, appliance.time).clear(installation.alerts());
        CompletableFuture<Integer> run = supervise(installation);
        await(() -> heartbeat.at("/ping/abc").size() > pingsBefore, "pings again after clear-failed and a start");
        new StopRequest(appliance.root).make(appliance.time.instant());
        appliance.engine.kill("reference-worker", 143);
        assertEquals(Supervisor.STOPPED, run.get(30, TimeUnit.SECONDS));
      }
      assertEquals(1, heartbeat.at("/ping/abc/fail").size(), "the resolution is no /fail: " + heartbeat.requests);
    }
  }
}
