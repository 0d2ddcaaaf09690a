package dev.appliance.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import dev.appliance.support.FakeTime;
import dev.appliance.support.HttpRecorder;
import dev.appliance.support.RecordedOwners;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sentry through its envelope endpoint on a real local HTTP server: the level, the tags, and no secret of the env. */
class SentryChannelTest {

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<String> log = new CopyOnWriteArrayList<>();

  private EnvConfig env(HttpRecorder sentry) throws Exception {
    String dsn = "http://0123456789abcdef@127.0.0.1:" + sentry.port() + "/42";
    Path file = TestEnvs.withAlert(TestEnvs.localhost(dir.resolve("env")), dir.resolve("sentry.yml"), "sentry_dsn: " + dsn);
    return EnvLoader.load(file);
  }

  /** Every secret value of the env, listed here by hand rather than by the code under test. */
  private static List<String> secrets(EnvConfig env) {
    List<String> values = new ArrayList<>();
    values.add(env.app().databasePassword().reveal());
    env.app().secrets().values().forEach(s -> values.add(s.reveal()));
    values.add(env.appliance().backup().secret().reveal());
    env.appliance().alert().sentryDsn().map(Secret::reveal).ifPresent(values::add);
    env.appliance().ssl().own().ifPresent(k -> values.add(k.key().reveal()));
    env.appliance().ssl().clientCa().ifPresent(k -> values.add(k.key().reveal()));
    env.appliance().dkim().ifPresent(d -> values.add(d.key().reveal()));
    return values;
  }

  @Test
  void anEventCarriesLevelAndTagsAndNoSecretOfTheEnv() throws Exception {
    try (HttpRecorder sentry = new HttpRecorder()) {
      EnvConfig env = env(sentry);
      String password = env.app().databasePassword().reveal();
      Alerting alerting = Alerting.of(new HostRoot(dir.resolve("root"), new RecordedOwners()), Optional.of(env),
          "prepare-app", time, log::add, () -> List.of("state: failed (the database password is " + password + ")"),
          () -> true, Optional.empty());

      alerting.alerts().raise(Alert.critical("failed/prepare-app", "the migration failed",
          "psql: password authentication failed for user app (password " + password + ")"));

      List<HttpRecorder.Request> events = sentry.at("/api/42/envelope/");
      assertEquals(1, events.size(), sentry.requests + " " + log);
      HttpRecorder.Request event = events.get(0);
      assertTrue(event.header("X-Sentry-Auth").contains("sentry_key=0123456789abcdef"), event.header("X-Sentry-Auth"));
      assertEquals("application/x-sentry-envelope", event.header("Content-Type"));
      String[] lines = event.body().split("\n");
      assertEquals(3, lines.length, event.body());
      ObjectMapper json = new ObjectMapper();
      assertEquals("event", json.readTree(lines[1]).get("type").asText());
      JsonNode payload = json.readTree(lines[2]);
      assertEquals(lines[2].getBytes(java.nio.charset.StandardCharsets.UTF_8).length, json.readTree(lines[1]).get("length").asInt());
      assertEquals("fatal", payload.get("level").asText());
      assertEquals("localhost", payload.at("/tags/domain").asText());
      assertEquals("development", payload.at("/tags/environment").asText());
      assertEquals("prepare-app", payload.at("/tags/unit").asText());
      assertEquals("failed/prepare-app", payload.at("/tags/key").asText());
      assertTrue(payload.at("/message/formatted").asText().contains("[secret]"), payload.toString());
      for (String secret : secrets(env)) {
        assertFalse(event.body().contains(secret), "a secret of the env in the event: " + event.body());
      }
      for (String field : List.of("user", "server_name", "breadcrumbs", "contexts", "request")) {
        assertFalse(payload.has(field), field + " is sent: " + payload);
      }
    }
  }

  @Test
  void anEndpointThatRefusesIsAFailureInTheChannelsResults() throws Exception {
    try (HttpRecorder sentry = new HttpRecorder().answering(429)) {
      HostRoot root = new HostRoot(dir.resolve("root"), new RecordedOwners());
      Alerting alerting = Alerting.of(root, Optional.of(env(sentry)), "run", time, log::add, List::of, () -> false, Optional.empty());

      ChannelResults.ChannelResult result = alerting.test(alerting.channels().get(0));

      assertFalse(result.ok());
      assertEquals("Sentry at 127.0.0.1:" + sentry.port() + " answered HTTP 429: refused by the test", result.detail());
      assertEquals(List.of(new ChannelResults.ChannelResult("sentry", "2026-12-01T10:00:00Z", false,
          "test: " + result.detail())), new ChannelResults(root).all());
    }
  }
}
