package dev.appliance.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's decisions on the fake engine: restarts with backoff, and a crash loop to the failed state. */
class SupervisorTest {

  @TempDir
  Path dir;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Test
  void aServiceThatDiesIsRestartedUntilItDiesTooOftenThenTheApplianceFailsAndOnlyTheFrontStays() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    // Held by the operator, the page stays and the supervisor does not ask the front over HTTPS.
    new MaintenancePage(appliance.root, appliance.time).operatorOn("tests");
    CompletableFuture<Integer> run;
    try (Installation installation = appliance.installation()) {
      run = CompletableFuture.supplyAsync(() -> {
        try {
          return new Supervisor(installation, new RestartBudget(2, Duration.ofMinutes(5))).run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await(() -> appliance.log.stream().anyMatch(l -> l.startsWith("serving https://localhost")), "serving: " + appliance.log);

      for (int death = 1; death <= 3; death++) {
        await(() -> appliance.engine.inspect("reference-worker").orElseThrow().running(), "the worker running");
        appliance.engine.kill("reference-worker", 3);
        if (death < 3) {
          int restarted = death;
          await(() -> appliance.log.contains("worker exited (code 3); restarting in " + (1 << (restarted - 1)) + " s"),
              "restart " + death + " with its backoff: " + appliance.log);
        }
      }
      assertEquals(Supervisor.FAILED, run.get(20, TimeUnit.SECONDS));
    }

    String reason = new FailureFlag(appliance.root, appliance.time).reason().orElseThrow();
    assertTrue(reason.contains("worker keeps failing (exit code 3; more than 2 restarts within 5 min)"), reason);
    assertEquals(3, new RunState(appliance.root).restartsWithin(appliance.time.instant()).get("worker"));
    assertTrue(appliance.engine.inspect("reference-front").orElseThrow().running(), "the front shows the failure page");
    for (String service : new String[] {"web", "postgres", "redis"}) {
      assertFalse(appliance.engine.inspect("reference-" + service).orElseThrow().running(), service + " stopped");
    }
    assertTrue(new MaintenancePage(appliance.root, appliance.time).shown().isPresent());
  }
}
