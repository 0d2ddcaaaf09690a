package dev.appliance.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.alerts.Message.Kind;
import dev.appliance.alerts.Message.Origin;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.support.SmtpRelay;
import dev.appliance.support.SmtpRelay.Received;
import dev.appliance.support.TestEnvs;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The e-mail channel against a real relay (aiosmtpd, {@link SmtpRelay}) that requires STARTTLS and a login, as a
 * mail provider's submission server does; the channels are made from envs that env-new wrote.
 */
class MailChannelIT {

  private static final Message ALERT = new Message(Kind.OPENED, Alert.critical("failed/crash-loop/worker",
      "worker is crash-looping – 6 restarts within 5 min", "The worker exited 6 times (exit code 3); its last line: "
          + "café not found.\nClear the failure once it is fixed: appliance clear-failed"),
      Instant.parse("2026-11-22T08:00:00Z"), "", new Origin("localhost", "development", "appliance"),
      List.of("state: FAILED (crash loop of worker)", "web: healthy", "worker: stopped"));

  @TempDir
  Path dir;

  private int envs;

  @Test
  void theAlertMailArrivesThroughStartTlsWithLogin() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES)) {
      channel(relay.port(), relay.trusting(), "username: " + SmtpRelay.USER, "password: " + SmtpRelay.PASSWORD)
          .send(ALERT);

      List<Received> received = relay.received();
      assertEquals(1, received.size(), relay.log());
      Received mail = received.get(0);
      assertTrue(mail.tls(), "the relay saw the message over TLS");
      assertEquals(SmtpRelay.USER, mail.login());
      assertEquals("[localhost] CRITICAL: worker is crash-looping – 6 restarts within 5 min", mail.message().getSubject());
      assertEquals(ALERT.body(), mail.text());
      assertTrue(mail.text().contains("café not found.\nClear the failure once it is fixed: appliance clear-failed\n"));
      assertTrue(mail.text().contains("  state: FAILED (crash loop of worker)\n  web: healthy\n"));
      assertTrue(mail.text().contains("Look closer on the machine: appliance status"));
      assertEquals(List.of(new InternetAddress("appliance@localhost")), List.of(mail.message().getFrom()));
      assertEquals("appliance@localhost", mail.mailFrom());
      assertEquals(List.of("ops@example.org", "boss@example.org"), mail.recipients());
      assertEquals("auto-generated", mail.message().getHeader("Auto-Submitted", null));
      assertEquals("text/plain; charset=UTF-8", mail.message().getContentType());
      assertNotNull(mail.message().getSentDate(), "a Date header");
    }
  }

  @Test
  void aRefusedLoginNamesTheRelayAndItsAnswer() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES)) {
      MailChannel channel = channel(relay.port(), relay.trusting(), "username: " + SmtpRelay.USER,
          "password: Wrong-pw-3Kd8Qz1x");

      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      assertEquals("the mail relay localhost:" + relay.port() + " refused the login as 'appliance-alerts': 535 5.7.8"
          + " Authentication credentials invalid; check appliance/alert/smtp/username and"
          + " appliance/alert/smtp/password", failure.getMessage());
      assertFalse(failure.getMessage().contains("Wrong-pw"), "no password in the message");
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aRelayWithoutStartTlsGetsNothingUnlessTheEnvAllowsClearText() throws Exception {
    try (SmtpRelay relay = SmtpRelay.plain(dir.resolve("relay"))) {
      IOException failure = assertThrows(IOException.class, () -> channel(relay.port(), null).send(ALERT));
      assertEquals("the mail relay localhost:" + relay.port() + " offers no STARTTLS, and appliance/alert/smtp/starttls"
          + " is true, so nothing was sent (not even the login); check appliance/alert/smtp/port (the submission port"
          + " with STARTTLS is usually 587), or set appliance/alert/smtp/starttls: false only for a relay on a network"
          + " you trust", failure.getMessage());
      assertEquals(List.of(), relay.received());

      channel(relay.port(), null, "starttls: false").send(ALERT);
      Received mail = relay.received().get(0);
      assertFalse(mail.tls());
      assertEquals("none", mail.login());
    }
  }

  @Test
  void aLoginThatTheRelayDoesNotOfferSendsNothing() throws Exception {
    try (SmtpRelay relay = SmtpRelay.plain(dir.resolve("relay"))) {
      MailChannel channel = channel(relay.port(), null, "starttls: false", "username: " + SmtpRelay.USER,
          "password: " + SmtpRelay.PASSWORD);

      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      assertTrue(failure.getMessage().startsWith("the mail relay localhost:" + relay.port() + " offers no login (no AUTH"
          + " in its EHLO reply), though appliance/alert/smtp/username is given, so nothing was sent"), failure.getMessage());
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aRelayCertificateThatTheJvmDoesNotTrustIsRefused() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES)) {
      var env = EnvLoader.load(env(relay.port(), "username: " + SmtpRelay.USER, "password: " + SmtpRelay.PASSWORD));
      MailChannel production = MailChannel.from(env.appliance()).orElseThrow();

      IOException failure = assertThrows(IOException.class, () -> production.send(ALERT));
      assertEquals("the mail relay localhost:" + relay.port() + " showed a certificate that was refused (unable to find"
          + " valid certification path to requested target); the relay must show one that a public certificate"
          + " authority issued for the name in appliance/alert/smtp/host", failure.getMessage());
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aTrustedCertificateForAnotherNameIsRefused() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), List.of("relay.example.org"))) {
      MailChannel channel = channel(relay.port(), relay.trusting(), "username: " + SmtpRelay.USER,
          "password: " + SmtpRelay.PASSWORD);

      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      assertTrue(failure.getMessage().startsWith("the mail relay localhost:" + relay.port() + " showed a certificate"
          + " that was refused (No subject alternative DNS name matching localhost found.)"), failure.getMessage());
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aRefusedSenderIsNamedWithTheRelaysAnswer() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES, "alerts@example.org")) {
      MailChannel channel = channel(relay.port(), relay.trusting(), Optional.of("alerts@example.org"),
          "username: " + SmtpRelay.USER, "password: " + SmtpRelay.PASSWORD);

      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      assertEquals("the mail relay localhost:" + relay.port() + " refused the sender alerts@example.org: 553 5.7.1 Sender"
          + " address rejected: not owned by the user; check appliance/alert/from (a relay often lets a login send only"
          + " as its own addresses)", failure.getMessage());
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aRefusedRecipientIsNamedAndNobodyGetsTheMail() throws Exception {
    try (SmtpRelay relay = SmtpRelay.secured(dir.resolve("relay"), SmtpRelay.LOCAL_NAMES, "boss@example.org")) {
      MailChannel channel = channel(relay.port(), relay.trusting(), "username: " + SmtpRelay.USER,
          "password: " + SmtpRelay.PASSWORD);

      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      assertEquals("the mail relay localhost:" + relay.port() + " refused the recipient boss@example.org: 550 5.1.1"
          + " Recipient address rejected: no such mailbox; check appliance/alert/email (nothing was sent to anyone)",
          failure.getMessage());
      assertEquals(List.of(), relay.received());
    }
  }

  @Test
  void aRelayThatNeverAnswersFailsWithinTheTimeout() throws Exception {
    // The kernel completes the connection (backlog); nobody accepts it or says a word.
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      MailChannel channel = channel(silent.getLocalPort(), null);

      long start = System.nanoTime();
      IOException failure = assertThrows(IOException.class, () -> channel.send(ALERT));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(40)) < 0, "gave up after " + took);
      assertTrue(failure.getMessage().startsWith("the mail relay localhost:" + silent.getLocalPort() + " did not answer"
          + " within 20 s; check appliance/alert/smtp/port"), failure.getMessage());
    }
  }

  @Test
  void aPortWhereNothingListensIsNamed() throws Exception {
    int port = TestEnvs.freePort();
    IOException failure = assertThrows(IOException.class, () -> channel(port, null).send(ALERT));
    assertTrue(failure.getMessage().startsWith("the mail relay localhost:" + port + " refused the connection (nothing"
        + " listens on port " + port + "); check appliance/alert/smtp/host and appliance/alert/smtp/port"),
        failure.getMessage());
  }

  private MailChannel channel(int port, SSLSocketFactory tls, String... smtp) throws Exception {
    return channel(port, tls, Optional.empty(), smtp);
  }

  /** The channel of an env whose relay is localhost:{@code port}, with {@code smtp}'s further keys. */
  private MailChannel channel(int port, SSLSocketFactory tls, Optional<String> from, String... smtp) throws Exception {
    var appliance = EnvLoader.load(env(port, from, smtp)).appliance();
    return (tls == null ? MailChannel.from(appliance) : MailChannel.from(appliance, tls)).orElseThrow();
  }

  private Path env(int port, String... smtp) throws IOException {
    return env(port, Optional.empty(), smtp);
  }

  private Path env(int port, Optional<String> from, String... smtp) throws IOException {
    StringBuilder presets = new StringBuilder("appliance:\n  alert:\n    email: [ops@example.org, boss@example.org]\n");
    from.ifPresent(address -> presets.append("    from: ").append(address).append('\n'));
    presets.append("    smtp:\n      host: localhost\n      port: ").append(port).append('\n');
    for (String line : smtp) {
      presets.append("      ").append(line).append('\n');
    }
    return TestEnvs.localhost(dir.resolve("env" + envs++), presets.toString());
  }
}
