package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.HttpRecorder;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appliance alert test} against real local HTTP services, and what status shows of it afterwards. */
class AlertCommandTest {

  @TempDir
  Path dir;

  private ApplianceCli appliance(String... alertLines) throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path env = TestEnvs.withAlert(TestEnvs.localhost(dir.resolve("env")), dir.resolve("alert-env.yml"), alertLines);
    ActiveEnv.write(new HostRoot(root), "test", Files.readAllBytes(env), Instant.parse("2026-12-01T10:00:00Z"));
    return new ApplianceCli(root, TestEnvs.STACK, 8080, 8443);
  }

  @Test
  void eachChannelSaysWhatItAnsweredAndOneFailureIsExitOneAndShownByStatus() throws Exception {
    try (HttpRecorder sentry = new HttpRecorder(); HttpRecorder heartbeat = new HttpRecorder().answering(503)) {
      ApplianceCli cli = appliance("sentry_dsn: http://abc@127.0.0.1:" + sentry.port() + "/7",
          "heartbeat_url: " + heartbeat.uri("/ping/xyz"));

      ApplianceCli.Result test = cli.run("alert", "test");

      assertEquals(1, test.code(), test.out() + test.err());
      assertTrue(test.out().contains("sentry: ok (test sent)"), test.out());
      assertTrue(test.out().contains("heartbeat: FAILED: the heartbeat at 127.0.0.1:" + heartbeat.port()
          + " answered HTTP 503: refused by the test"), test.out());
      assertEquals(1, sentry.at("/api/7/envelope/").size());
      assertEquals(1, heartbeat.at("/ping/xyz").size(), "a ping, not /fail: the appliance is not failed");
      ApplianceCli.Result status = cli.run("status");
      assertTrue(status.out().contains("  heartbeat: FAILED at "), status.out());
      assertTrue(status.out().contains("  sentry: ok at "), status.out());
      assertTrue(cli.run("status", "--json").out().contains("\"channel\" : \"heartbeat\""), "status --json");

      heartbeat.answering(200);
      ApplianceCli.Result one = cli.run("alert", "test", "--channel", "heartbeat");
      assertEquals(0, one.code(), one.out() + one.err());
      assertEquals(1, sentry.at("/api/7/envelope/").size(), "--channel heartbeat sends nothing to Sentry");
    }
  }

  @Test
  void aChannelThatIsNotConfiguredIsBadInput() throws Exception {
    ApplianceCli cli = appliance("email: []");

    ApplianceCli.Result none = cli.run("alert", "test");
    ApplianceCli.Result sentry = cli.run("alert", "test", "--channel", "sentry");

    assertEquals(2, none.code());
    assertTrue(none.err().contains("no alert channel is configured in the active env; set appliance/alert/"), none.err());
    assertEquals(2, sentry.code());
    assertTrue(sentry.err().contains("alert channel sentry is not configured"), sentry.err());
  }
}
