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
import dev.appliance.tls.ServedCertificate;
import dev.appliance.tls.ServedCertificateWatch;
import dev.appliance.tls.ServedCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
      await(() -> appliance.log.stream().anyMatch(l -> l.startsWith("ALERT critical [disk/data/critical]: /data is 96 % full (40 MiB free)")),
          "the alert: " + appliance.log);
      int measured = measures.get();
      appliance.time.sleep(Duration.ofSeconds(30));
      await(() -> measures.get() > measured, "a second measure after 30 s");

      new StopRequest(appliance.root).make(appliance.time.instant());
      appliance.engine.kill("reference-worker", 143); // wakes the watch at once, instead of after its 5 s
      assertEquals(Supervisor.STOPPED, run.get(20, TimeUnit.SECONDS));
    }
    // (The fake's front serves no TLS: the served certificate's own alert is not counted here.)
    assertEquals(1, appliance.log.stream().filter(l -> l.startsWith("ALERT") && l.contains("[disk/")).count(),
        appliance.log.toString());
  }

  @Test
  void theServedCertificateIsCheckedOnceServingThenEveryDayOfTheClock() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    new MaintenancePage(appliance.root, appliance.time).operatorOn("tests");
    List<String> checked = new CopyOnWriteArrayList<>();
    // 10 days left of a 90-day certificate: the 14-day warning, said once however often it is checked.
    ServedCertificateWatch.Probe front = domain -> {
      checked.add(domain + " at " + appliance.time.instant());
      Instant expires = appliance.time.instant().plus(Duration.ofDays(10));
      return new ServedCertificate("CN=" + domain, "CN=Test CA", expires.minus(Duration.ofDays(90)).toString(),
          expires.toString(), List.of(domain), "AB");
    };
    try (Installation installation = appliance.installation()) {
      CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> {
        try {
          return new Supervisor(installation, new RestartBudget(2, Duration.ofMinutes(5))).servedCertificateFrom(front).run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await(() -> checked.size() == 1, "the check once serving: " + appliance.log);
      assertEquals(List.of("localhost at 2026-12-01T10:00:00Z"), checked);
      // A death wakes the watch at once (instead of after its 5 s): a turn within the day checks nothing.
      appliance.engine.kill("reference-worker", 3);
      await(() -> appliance.log.contains("worker exited (code 3); restarting in 1 s"), "a restart: " + appliance.log);
      await(() -> appliance.engine.inspect("reference-worker").orElseThrow().running(), "the worker running again");
      appliance.time.sleep(Duration.ofHours(24));
      appliance.engine.kill("reference-worker", 3);
      await(() -> checked.size() == 2, "a second check a day later: " + checked);

      new StopRequest(appliance.root).make(appliance.time.instant());
      appliance.engine.kill("reference-worker", 143);
      assertEquals(Supervisor.STOPPED, run.get(20, TimeUnit.SECONDS));
    }
    assertEquals(2, checked.size(), "once a day, not at every turn of the watch: " + checked);
    assertEquals(List.of("ALERT warning [tls/expiry/14]: the certificate served for localhost expires 2026-12-11 (10 days)"),
        appliance.log.stream().filter(l -> l.startsWith("ALERT") && l.contains("[tls/"))
            .map(l -> l.substring(0, l.indexOf(" (10 days)") + 10)).toList(), "the one alert, not one a check");
    assertTrue(ServedCheck.read(appliance.root).orElseThrow().checked().startsWith("2026-12-02T10:00:"),
        "recorded for status: " + ServedCheck.read(appliance.root));
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
