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
import dev.appliance.support.SmtpRelay;
import dev.appliance.tls.ServedCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loop's alerts through the supervisor, on the fake engine and its clock, to a real relay (aiosmtpd, with
 * STARTTLS and a login) and a real local heartbeat service: one mail however often the loop comes back within the
 * hour, {@code /fail} each time, pings while serving, and the resolution by mail after clear-failed.
 */
class CrashLoopAlertsIT {

  private static final String SUBJECT = "[localhost] CRITICAL: the appliance has failed: worker keeps failing (exit code"
      + " 3; more than 1 restarts within 5 min)";

  @TempDir
  Path dir;

  private SmtpRelay relay;
  private HttpRecorder heartbeat;
  private FakeAppliance appliance;

  @BeforeEach
  void start() throws Exception {
    relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES);
    heartbeat = new HttpRecorder();
    appliance = FakeAppliance.ofProjectStack(dir);
    // The free-space watch measures these; without them it would raise alerts of its own.
    java.nio.file.Files.createDirectories(appliance.root.resolve("/data"));
    java.nio.file.Files.createDirectories(appliance.root.resolve("/volatile"));
    appliance.withActiveEnv(appliance.envWithAlert("email: [ops@example.org]", "smtp:", "  host: localhost",
        "  port: " + relay.port(), "  username: " + SmtpRelay.USER, "  password: " + SmtpRelay.PASSWORD,
        "heartbeat_url: " + heartbeat.uri("/ping/abc")));
    // Held by the operator, the page stays and the supervisor does not ask the front over HTTPS.
    new MaintenancePage(appliance.root, appliance.time).operatorOn("tests");
  }

  @AfterEach
  void stop() throws Exception {
    heartbeat.close();
    relay.close();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Eventually.await(condition, Duration.ofSeconds(30), what);
  }

  /** This machine's next process: a supervisor run, or a command. */
  private Installation process() {
    Installation installation = appliance.installation();
    installation.trustRelay(relay.trusting());
    return installation;
  }

  private static CompletableFuture<Integer> supervise(Installation installation) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        // The fake engine's front serves no TLS: a fresh certificate stands in, so that only the crash loop alerts.
        Instant now = installation.clock().instant();
        return new Supervisor(installation, new RestartBudget(1, Duration.ofMinutes(5)))
            .servedCertificateFrom(domain -> new ServedCertificate("CN=" + domain, "CN=Test CA",
                now.minus(Duration.ofDays(1)).toString(), now.plus(Duration.ofDays(89)).toString(), List.of(domain), "AB"))
            .heartbeatEvery(Duration.ofSeconds(1)).run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Stops a serving supervisor as {@code appliance stop} would; it ends as stopped. */
  private void stop(CompletableFuture<Integer> run) throws Exception {
    new StopRequest(appliance.root).make(appliance.time.instant());
    appliance.engine.kill("reference-worker", 143); // wakes its watch at once
    assertEquals(Supervisor.STOPPED, run.get(30, TimeUnit.SECONDS));
  }

  /** Serves, then lets the worker die until the budget of one restart is spent: the supervisor ends failed. */
  private void crashLoop() throws Exception {
    int began = appliance.log.size();
    try (Installation installation = process()) {
      CompletableFuture<Integer> run = supervise(installation);
      await(() -> appliance.log.subList(began, appliance.log.size()).stream().anyMatch(l -> l.startsWith("serving https")),
          "serving");
      for (int death = 1; death <= 2; death++) {
        await(() -> appliance.engine.inspect("reference-worker").map(c -> c.running()).orElse(false), "the worker running");
        int before = appliance.log.size();
        appliance.engine.kill("reference-worker", 3);
        if (death == 1) {
          await(() -> appliance.log.subList(before, appliance.log.size()).stream()
              .anyMatch(l -> l.startsWith("worker exited (code 3); restarting")), "a restart");
        }
      }
      assertEquals(Supervisor.FAILED, run.get(30, TimeUnit.SECONDS));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; the log: " + appliance.log, e);
    }
  }

  private List<String> subjects() throws Exception {
    return relay.received().stream().map(m -> {
      try {
        return m.message().getSubject();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  @Test
  void aCrashLoopThatComesBackAfterARestartSendsOneMailAndFailsTheHeartbeatEachTime() throws Exception {
    crashLoop();
    appliance.time.sleep(Duration.ofMinutes(10));
    try (Installation command = process()) {
      new FailureFlag(appliance.root, appliance.time).clear(command.alerts());
    }
    crashLoop();

    assertEquals(List.of(SUBJECT), subjects(), "one mail within the hour: " + appliance.log);
    SmtpRelay.Received mail = relay.received().get(0);
    assertTrue(mail.tls() && mail.login().equals(SmtpRelay.USER), "through STARTTLS with the login");
    assertTrue(mail.text().contains("appliance clear-failed") && mail.text().contains("state:"), mail.text());
    assertEquals(2, heartbeat.at("/ping/abc/fail").size(), "the heartbeat reports each failure: " + heartbeat.requests);
  }

  @Test
  void aFailureThatARebootClearedIsResolvedOnceTheSupervisorServesAgain() throws Exception {
    crashLoop();
    appliance.time.sleep(Duration.ofMinutes(61));
    java.nio.file.Files.delete(appliance.root.failedFlag()); // a reboot empties /run

    try (Installation installation = process()) {
      CompletableFuture<Integer> run = supervise(installation);
      await(() -> appliance.log.stream().anyMatch(l -> l.startsWith("ALERT resolved [failed/crash-loop/worker]")),
          "the failure resolved");
      stop(run);
    }
    assertEquals(List.of(), new dev.appliance.alerts.AlertStore(appliance.root).open());
    assertEquals(List.of(SUBJECT, SUBJECT.replace("CRITICAL", "RESOLVED")), subjects());
  }

  @Test
  void anOpeningTheHourlyLimitDeferredGoesOutWhileNoSupervisorRuns() throws Exception {
    crashLoop();
    appliance.time.sleep(Duration.ofMinutes(61));
    try (Installation command = process()) {
      new FailureFlag(appliance.root, appliance.time).clear(command.alerts());
    }
    appliance.time.sleep(Duration.ofMinutes(10));
    crashLoop();
    assertEquals(List.of(SUBJECT, SUBJECT.replace("CRITICAL", "RESOLVED")), subjects(), "the new opening waits");

    // appliance-alerts.timer: nothing runs in the failed state but this.
    appliance.time.sleep(Duration.ofMinutes(40));
    try (Installation timer = process()) {
      timer.alerting().sendDue();
    }
    assertEquals(2, subjects().size(), "within the hour of the resolution");
    appliance.time.sleep(Duration.ofMinutes(11));
    try (Installation timer = process()) {
      timer.alerting().sendDue();
    }
    assertEquals(List.of(SUBJECT, SUBJECT.replace("CRITICAL", "RESOLVED"), SUBJECT), subjects());
  }

  @Test
  void theHeartbeatPingsWhileServingFailsWithTheApplianceAndAfterClearFailedPingsAgainAndTheResolutionIsMailed()
      throws Exception {
    try (Installation installation = process()) {
      CompletableFuture<Integer> run = supervise(installation);
      await(() -> heartbeat.at("/ping/abc").size() >= 1, "a first ping: " + heartbeat.requests);
      appliance.time.sleep(Duration.ofSeconds(2));
      await(() -> heartbeat.at("/ping/abc").size() >= 2, "a second ping, one interval later");
      stop(run);
    }
    appliance.time.sleep(Duration.ofSeconds(1)); // the next process begins after that stop
    crashLoop();
    assertEquals(1, heartbeat.at("/ping/abc/fail").size(), heartbeat.requests.toString());
    assertTrue(heartbeat.at("/ping/abc/fail").get(0).body().startsWith(SUBJECT), heartbeat.at("/ping/abc/fail").get(0).body());
    assertEquals(List.of(SUBJECT), subjects());
    int pings = heartbeat.at("/ping/abc").size();

    appliance.time.sleep(Duration.ofMinutes(61));
    try (Installation installation = process()) {
      new FailureFlag(appliance.root, appliance.time).clear(installation.alerts());
      assertEquals(List.of(SUBJECT, SUBJECT.replace("CRITICAL", "RESOLVED")), subjects());
      CompletableFuture<Integer> run = supervise(installation);
      await(() -> heartbeat.at("/ping/abc").size() > pings, "pings again after clear-failed and a start");
      stop(run);
    }
    assertEquals(1, heartbeat.at("/ping/abc/fail").size(), "the resolution is no /fail: " + heartbeat.requests);
  }
}
