package dev.appliance.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.AlertConfig;
import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which envs have an e-mail channel (MailChannelIT sends through a real relay). */
class MailChannelTest {

  @TempDir
  Path dir;

  @Test
  void anEnvWithRecipientsAndARelayHasTheChannel() throws Exception {
    var env = EnvLoader.load(TestEnvs.localhost(dir, "appliance:\n  alert:\n    email: [ops@example.org]\n"
        + "    smtp: {host: mail.example.org}\n"));
    assertEquals("email", MailChannel.from(env.appliance()).orElseThrow().name());
  }

  @Test
  void withoutRecipientsThereIsNone() throws Exception {
    var env = EnvLoader.load(TestEnvs.localhost(dir, "appliance:\n  alert:\n    smtp: {host: mail.example.org}\n"));
    assertTrue(MailChannel.from(env.appliance()).isEmpty());
  }

  /** env-check refuses such an env (mail goes out only through a relay); a config made otherwise gets no channel. */
  @Test
  void withoutARelayThereIsNone() throws Exception {
    ApplianceConfig a = EnvLoader.load(TestEnvs.localhost(dir)).appliance();
    var noRelay = new AlertConfig(List.of("ops@example.org"), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
    assertTrue(MailChannel.from(new ApplianceConfig(a.domain(), a.standby(), a.environment(), a.failureDetails(),
        a.ssl(), a.storage(), a.backup(), a.update(), noRelay, a.metric(), a.dkim(), a.users(), a.firewall(),
        a.vpn())).isEmpty());
  }

  @Test
  void anEnvWithoutAlertsHasNone() throws Exception {
    assertTrue(MailChannel.from(EnvLoader.load(TestEnvs.localhost(dir)).appliance()).isEmpty());
  }
}
