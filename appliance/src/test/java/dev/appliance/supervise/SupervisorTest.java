package dev.appliance.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.steps.Installation;
import dev.appliance.steps.StopRequest;
import dev.appliance.storage.DiskSpace;
import dev.appliance.storage.DiskUsage;
import dev.appliance.support.Eventually;
import dev.appliance.support.FakeAppliance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's decisions on the fake engine: restarts with backoff, and a crash loop to the failed state. */
class SupervisorTest {

  @TempDir
  Path dir;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Eventually.await(condition, Duration.ofSeconds(20), what);
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

  @Test
  void aFullDiskIsAlertedOnceWhileServingNotAtEveryMeasure() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    new MaintenancePage(appliance.root, appliance.time).operatorOn("tests");
    AtomicInteger measures = new AtomicInteger();
    // /data at 96 %, /volatile at 10 %, of 1000 MiB each.
    DiskSpace disk = path -> {
      measures.incrementAndGet();
      long used = path.equals("/data") ? 960 : 100;
      return new DiskUsage(path, used << 20, (1000 - used) << 20);
    };
    try (Installation installation = appliance.installation()) {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
        try {
          return new Supervisor(installation, new RestartBudget(2, Duration.ofMinutes(5)), disk).run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await(() -> appliance.log.stream().anyMatch(l -> l.startsWith("ALERT critical [disk/data]: /data is 96 % full (40 MiB free)")),
          "the alert: " + appliance.log);
      int measured = measures.get();
      appliance.time.sleep(Duration.ofSeconds(30));
      await(() -> measures.get() > measured, "a second measure after 30 s");

      new StopRequest(appliance.root).make(appliance.time.instant());
      appliance.engine.kill("reference-worker", 143); // wakes the watch at once, instead of after its 5 s
      assertEquals(Supervisor.STOPPED, run.get(20, TimeUnit.SECONDS));
    }
    assertEquals(1, appliance.log.stream().filter(l -> l.startsWith("ALERT")).count(), appliance.log.toString());
  }

  @Test
  void aStopThatCameBeforeTheStartEndsTheSupervisorWithoutStartingAnything() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    try (Installation installation = appliance.installation()) {
      new StopRequest(appliance.root).make(appliance.time.instant()); // during prepare-app, in the same up
      assertEquals(Supervisor.STOPPED, new Supervisor(installation, new RestartBudget(2, Duration.ofMinutes(5))).run());
    }
    assertTrue(appliance.engine.calls().stream().noneMatch(c -> c.startsWith("start ")), appliance.engine.calls().toString());
  }
}
