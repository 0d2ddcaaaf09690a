package dev.appliance.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvLoader;
import dev.appliance.host.HostRoot;
import dev.appliance.support.Eventually;
import dev.appliance.support.FakeTime;
import dev.appliance.support.HttpRecorder;
import dev.appliance.support.RecordedOwners;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor's delivery: a slow channel never holds up the one who raises, and a close still sends the last. */
class BackgroundDeliveryTest {

  @TempDir
  Path dir;

  @Test
  void aRaiseReturnsAtOnceWhileASlowChannelTakesItsTimeAndCloseWaitsForTheLastMessage() throws Exception {
    try (HttpRecorder sentry = new HttpRecorder().delaying(3000)) {
      Path env = TestEnvs.withAlert(TestEnvs.localhost(dir.resolve("env")), dir.resolve("e.yml"),
          "sentry_dsn: http://k@127.0.0.1:" + sentry.port() + "/1");
      List<String> log = new CopyOnWriteArrayList<>();
      Alerting alerting = Alerting.of(new HostRoot(dir.resolve("root"), new RecordedOwners()),
          Optional.of(EnvLoader.load(env)), "run", new FakeTime(Instant.parse("2026-12-01T10:00:00Z")), log::add,
          List::of, () -> false, Optional.empty());
      alerting.inBackground(Duration.ofMinutes(5), () -> true, "alive");

      long start = System.nanoTime();
      alerting.alerts().raise(Alert.critical("failed/crash-loop/web", "web keeps failing", ""));
      alerting.alerts().raise(Alert.warning("disk/data", "/data is 85 % full", ""));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(tookMillis < 1000, "two raises took " + tookMillis + " ms with a channel that takes 3 s");
      Eventually.await(() -> sentry.requests.size() == 1, Duration.ofSeconds(10), "the first event");
      alerting.close();
      assertEquals(2, sentry.requests.size(), "the close waited for the second: " + log);
    }
  }
}
