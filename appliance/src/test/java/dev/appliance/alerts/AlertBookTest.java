package dev.appliance.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedOwners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts' rules on their real state files, with channels that record what they carry: sent once, reminded
 * daily, resolved once, at most one message per key and channel an hour, and all of it across a restart.
 */
class AlertBookTest {

  private static final Alert FAILED = Alert.critical("failed/crash-loop/worker", "the appliance has failed: worker"
      + " keeps failing", "recover with: appliance clear-failed");

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<String> log = new CopyOnWriteArrayList<>();

  /** A channel that records the subject of each message, or fails while told to. */
  static class Recording implements Channel {
    final String name;
    final List<String> sent = new ArrayList<>();
    boolean failing;

    Recording(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void send(Message message) throws IOException {
      if (failing) {
        throw new IOException("the relay is down (test)");
      }
      sent.add(message.kind() + " " + message.subject());
    }
  }

  /** A book and its courier on {@link #dir}, as one process (a command, a supervisor) would have them. */
  private Alerts book(Channel... channels) {
    HostRoot root = new HostRoot(dir, new RecordedOwners());
    AlertStore store = new AlertStore(root);
    Courier courier = new Courier(store, new ChannelResults(root), List.of(channels),
        new Message.Origin("example.org", "production", "run"), () -> List.of("state: failed"), Redaction.none(), time,
        log::add);
    return new AlertBook(store, courier::pass, time, log::add);
  }

  @Test
  void anOpenAlertIsSentOnceThenDailyAndItsResolutionOnce() throws Exception {
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);

    alerts.raise(FAILED);
    alerts.raise(FAILED);
    time.sleep(Duration.ofHours(23));
    alerts.raise(FAILED);
    assertEquals(List.of("OPENED [example.org] CRITICAL: the appliance has failed: worker keeps failing"), mail.sent);

    time.sleep(Duration.ofHours(1));
    alerts.raise(FAILED);
    assertEquals(2, mail.sent.size(), mail.sent.toString());
    assertTrue(mail.sent.get(1).startsWith("REMINDER [example.org] CRITICAL (still open since 2026-12-01T10:00:00Z)"),
        mail.sent.get(1));

    alerts.resolveAll(Alert.FAILED, "cleared");
    alerts.resolve(FAILED.key(), "cleared again");
    assertEquals(2, mail.sent.size(), "within the hour of the reminder: " + mail.sent);
    time.sleep(Duration.ofHours(1));
    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", "")); // any later pass sends what waited
    assertEquals(4, mail.sent.size(), mail.sent.toString());
    assertTrue(mail.sent.contains("RESOLVED [example.org] RESOLVED: the appliance has failed: worker keeps failing"),
        mail.sent.toString());
    assertEquals(1, log.stream().filter(l -> l.startsWith("ALERT critical [failed/crash-loop/worker]")).count(), log.toString());
    assertEquals(1, log.stream().filter(l -> l.startsWith("ALERT resolved [failed/crash-loop/worker]")).count(), log.toString());
  }

  @Test
  void aRestartNeitherSendsAnOpenAlertAgainNorForgetsIt() throws Exception {
    Recording mail = new Recording("email");
    book(mail).raise(FAILED);

    // The next process (the supervisor after systemctl restart, a second crash loop) raises it again.
    Alerts next = book(mail);
    next.raise(FAILED);
    assertEquals(1, mail.sent.size(), mail.sent.toString());
    assertEquals(List.of(new AlertStore.OpenAlert(Severity.CRITICAL, FAILED.key(), FAILED.summary(),
        "2026-12-01T10:00:00Z")), new AlertStore(new HostRoot(dir)).open());

    time.sleep(Duration.ofMinutes(61));
    next.resolve(FAILED.key(), "cleared");
    assertEquals(2, mail.sent.size(), "the resolution, by the process that saw it: " + mail.sent);
  }

  @Test
  void atMostOneMessageAKeyAnHourSoAFlappingAlertIsNoStorm() throws Exception {
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);

    alerts.raise(FAILED);
    for (int i = 0; i < 5; i++) {
      time.sleep(Duration.ofMinutes(5));
      alerts.resolve(FAILED.key(), "cleared");
      time.sleep(Duration.ofMinutes(5));
      alerts.raise(FAILED);
    }
    assertEquals(1, mail.sent.size(), "open all along, as far as the operator knows: " + mail.sent);

    time.sleep(Duration.ofMinutes(5));
    alerts.resolve(FAILED.key(), "cleared");
    assertEquals(1, mail.sent.size(), "the resolution waits for the hour: " + mail.sent);
    time.sleep(Duration.ofMinutes(10));
    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", "")); // any later pass sends what waited
    assertEquals(List.of("OPENED", "RESOLVED"), mail.sent.stream().filter(s -> s.contains("worker")).map(s -> s.split(" ")[0])
        .toList(), mail.sent.toString());
  }

  @Test
  void aWorseSeverityIsSentAgainAndAMilderOneIsNot() throws Exception {
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);

    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", ""));
    time.sleep(Duration.ofMinutes(61));
    alerts.raise(Alert.critical("disk/data", "/data is 96 % full", ""));
    time.sleep(Duration.ofMinutes(61));
    alerts.raise(Alert.warning("disk/data", "/data is 90 % full", ""));

    assertEquals(List.of("OPENED [example.org] WARNING: /data is 85 % full", "OPENED [example.org] CRITICAL: /data is 96 % full"),
        mail.sent);
  }

  @Test
  void aFailingChannelIsRecordedRetriedAndNeverStopsTheOthers() throws Exception {
    Recording mail = new Recording("email");
    Recording sentry = new Recording("sentry");
    mail.failing = true;
    Alerts alerts = book(mail, sentry);

    alerts.raise(FAILED);
    assertEquals(1, sentry.sent.size());
    List<ChannelResults.ChannelResult> results = new ChannelResults(new HostRoot(dir)).all();
    assertEquals("email: FAILED at 2026-12-01T10:00:00Z: the relay is down (test)", results.get(0).describe());
    assertTrue(results.get(1).ok(), results.toString());
    assertTrue(log.stream().anyMatch(l -> l.contains("email FAILED")), log.toString());

    time.sleep(Duration.ofMinutes(1));
    alerts.raise(FAILED);
    mail.failing = false;
    alerts.raise(FAILED);
    assertEquals(0, mail.sent.size(), "retried after 2 min, not at every pass");
    time.sleep(Duration.ofMinutes(1));
    alerts.raise(FAILED);
    assertEquals(1, mail.sent.size(), "delivered once the relay is back");
    assertEquals(1, sentry.sent.size(), "sentry was told already");
    assertTrue(new ChannelResults(new HostRoot(dir)).all().get(0).ok());
  }

  @Test
  void aResolvedAlertWhoseTellingIsDoneLeavesNoFileAfterAnHour() throws Exception {
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);
    alerts.raise(FAILED);
    time.sleep(Duration.ofMinutes(61));
    alerts.resolve(FAILED.key(), "cleared");
    assertTrue(Files.exists(dir.resolve("data/etc/alerts/failed+crash-loop+worker.alert")));

    time.sleep(Duration.ofMinutes(61));
    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", ""));
    assertFalse(Files.exists(dir.resolve("data/etc/alerts/failed+crash-loop+worker.alert")));
    assertEquals(2, mail.sent.stream().filter(s -> s.contains("worker")).count());
  }

  @Test
  void anAlertThatCannotBeKeptOnDiskStillGoesOut() throws Exception {
    Files.createDirectories(dir.resolve("data/etc"));
    Files.writeString(dir.resolve("data/etc/alerts"), "a file where the directory should be");
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);

    alerts.raise(FAILED);
    alerts.raise(FAILED);

    assertEquals(1, mail.sent.size(), mail.sent + " " + log);
    assertTrue(log.stream().anyMatch(l -> l.contains("cannot keep the state of failed/crash-loop/worker")), log.toString());
  }

  @Test
  void aBrokenStateFileIsSkippedAndEveryOtherAlertStillGoesOut() throws Exception {
    Files.createDirectories(dir.resolve("data/etc/alerts/disk+volatile.alert"));
    Files.writeString(dir.resolve("data/etc/alerts/disk+data.alert"), "key=disk/data\nseverity=bogus\nopened=x\n");
    Files.writeString(dir.resolve("data/etc/alerts/probe.alert"), "key=probe\nsummary=s\nseverity=critical\n"
        + "opened=2026-12-01T09\\:00\\:00Z\ntold.email=MAYBE\n");
    Files.write(dir.resolve("data/etc/alerts/binary.alert"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    Recording mail = new Recording("email");
    Alerts alerts = book(mail);

    alerts.raise(FAILED);
    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", ""));

    assertEquals(2, mail.sent.size(), mail.sent + " " + log);
    assertEquals(List.of(FAILED.key(), "disk/data"), new AlertStore(new HostRoot(dir)).open().stream()
        .map(AlertStore.OpenAlert::key).toList(), "the broken disk/data was written whole again");
  }

  @Test
  void aChannelThatHangsHoldsUpItsOwnMessagesOnly() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Recording mail = new Recording("email") {
      @Override
      public void send(Message message) throws IOException {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        super.send(message);
      }
    };
    Recording heartbeat = new Recording("heartbeat");
    Alerts alerts = book(mail, heartbeat);

    Thread raising = new Thread(() -> alerts.raise(FAILED));
    raising.start();
    dev.appliance.support.Eventually.await(() -> heartbeat.sent.size() == 1, Duration.ofSeconds(10),
        "the heartbeat's message while the relay hangs");
    assertEquals(List.of(), mail.sent);
    release.countDown();
    raising.join(10_000);
    assertEquals(1, mail.sent.size());
  }

  @Test
  void anEventIsSentOnceNeverStaysOpenNorRemindsAndIsForgottenOnceTold() throws Exception {
    Recording mail = new Recording("email");
    Alerts alerts = book(mail, new HeartbeatChannel(java.net.URI.create("http://127.0.0.1:9/ping"), null, () -> false));
    Alert login = Alert.info("ssh-login/alice/1764669600000000", "SSH login: alice from 192.0.2.7",
        "key ED25519 SHA256:abc");

    alerts.announce(login);
    assertEquals(List.of("OPENED [example.org] INFO: SSH login: alice from 192.0.2.7"), mail.sent);
    assertEquals(List.of(), new AlertStore(new HostRoot(dir)).open(), "an event is never open");

    time.sleep(Duration.ofDays(2));
    alerts.announce(Alert.info("ssh-login/alice/1764842400000000", "SSH login: alice from 192.0.2.8", ""));
    alerts.resolveAll("ssh-login/", "no such thing for an event");
    time.sleep(Duration.ofDays(2));
    alerts.raise(Alert.warning("disk/data", "/data is 85 % full", "")); // any later pass
    assertEquals(List.of("OPENED [example.org] INFO: SSH login: alice from 192.0.2.7",
        "OPENED [example.org] INFO: SSH login: alice from 192.0.2.8",
        "OPENED [example.org] WARNING: /data is 85 % full"), mail.sent, "no reminder, no resolution");
    try (var files = Files.list(dir.resolve("data/etc/alerts"))) {
      assertEquals(List.of("disk+data.alert"), files.map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".alert")).toList(), "told events are forgotten");
    }
    assertEquals(1, log.stream().filter(l -> l.startsWith("ALERT info [ssh-login/alice/1764669600000000]")).count(),
        log.toString());
  }
}
