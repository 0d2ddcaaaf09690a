package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.support.FakeTime;
import dev.appliance.support.LocalTlsServer;
import dev.appliance.support.RecordedAlerts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch on a real TLS server on 127.0.0.1 serving test certificates, with time that moves only when told. */
class ServedCertificateWatchTest {

  private static final String DOMAIN = "app.example.org";
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir
  Path dir;

  private final FakeTime time = new FakeTime(START);
  private final RecordedAlerts alerts = new RecordedAlerts();
  private final List<String> log = new ArrayList<>();
  private LocalTlsServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** A server whose certificate lives {@code lifetimeDays} and has {@code leftDays} left at the start. */
  private ServedCertificateWatch watchOf(int lifetimeDays, int leftDays) throws Exception {
    Instant notAfter = START.plus(Duration.ofDays(leftDays));
    server = LocalTlsServer.start(DOMAIN, notAfter.minus(Duration.ofDays(lifetimeDays)), notAfter);
    return watch(server.port());
  }

  private ServedCertificateWatch watch(int port) {
    return ServedCertificateWatch.onFront(new HostRoot(dir), port, DOMAIN, time, alerts, log::add);
  }

  /** The alerts raised, without the resolutions of what was not open that each good check makes. */
  private List<String> raised() {
    return alerts.lines.stream().filter(l -> !l.startsWith("resolved")).toList();
  }

  private void after(Duration wait, ServedCertificateWatch watch) throws Exception {
    time.sleep(wait);
    watch.check();
  }

  @Test
  void theHandshakeReadsTheLeafServedForTheDomainAsSni() throws Exception {
    server = LocalTlsServer.start(DOMAIN, START, START.plus(Duration.ofDays(90)));
    X509Certificate served = server.serve(DOMAIN, Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-30T00:00:00Z"));

    ServedCertificate read = new FrontHandshake(server.port()).served(DOMAIN);

    assertEquals(new ServedCertificate("CN=" + DOMAIN, LocalTlsServer.CA, "2026-11-01T00:00:00Z", "2027-01-30T00:00:00Z",
        List.of(DOMAIN, "www." + DOMAIN), HexFormat.ofDelimiter(":").withUpperCase().formatHex(
            MessageDigest.getInstance("SHA-256").digest(served.getEncoded()))), read);
    assertEquals(List.of(DOMAIN), server.serverNames);
    new FrontHandshake(server.port()).served("localhost");
    assertEquals(List.of(DOMAIN, "localhost"), server.serverNames, "sent also for a name without a dot, which Java would not");
    assertEquals("CN=" + DOMAIN + ", issued by " + LocalTlsServer.CA + ", expires 2027-01-30 (59 days)",
        read.describe(START));
  }

  @Test
  void eachThresholdIsAlertedAsTheCertificateCrossesItAndARenewalResolvesThemAll() throws Exception {
    ServedCertificateWatch watch = watchOf(90, 22);
    watch.check();
    assertEquals(List.of("resolved [tls/served]: the front serves CN=" + DOMAIN + " again",
        "resolved [tls/expiry/*]: the front serves CN=" + DOMAIN + ", issued by " + LocalTlsServer.CA
            + ", expires 2026-12-23 (22 days)"), alerts.lines, "22 days left: nothing to say");

    after(Duration.ofDays(1), watch);
    after(Duration.ofDays(7), watch);
    after(Duration.ofDays(7), watch);
    after(Duration.ofDays(7), watch);
    List<String> raised = raised().stream().map(l -> l.substring(0, l.indexOf(';'))).toList();
    assertEquals(List.of(
        "warning [tls/expiry/21]: the certificate served for app.example.org expires 2026-12-23 (21 days)",
        "warning [tls/expiry/14]: the certificate served for app.example.org expires 2026-12-23 (14 days)",
        "critical [tls/expiry/7]: the certificate served for app.example.org expires 2026-12-23 (7 days)",
        "critical [tls/expiry/0]: the certificate served for app.example.org expired 2026-12-23 (0 days ago)"), raised);
    assertTrue(raised().get(0).contains("; Served: CN=" + DOMAIN + ", issued by " + LocalTlsServer.CA + ", expires"
        + " 2026-12-23 (21 days) (SHA-256 "), raised().get(0));
    assertTrue(raised().get(0).contains("appliance certificate renew tries now"), raised().get(0));

    server.serve(DOMAIN, time.instant(), time.instant().plus(Duration.ofDays(90)));
    alerts.lines.clear();
    watch.check();
    assertEquals(List.of("resolved [tls/served]: the front serves CN=" + DOMAIN + " again",
        "resolved [tls/expiry/*]: the front serves CN=" + DOMAIN + ", issued by " + LocalTlsServer.CA
            + ", expires 2027-03-23 (90 days)"), alerts.lines, "the renewal, once served, resolves every threshold");
  }

  @Test
  void aCertificateThatCameWithLessTimeRaisesItsThresholdAndResolvesTheNearerOnes() throws Exception {
    ServedCertificateWatch watch = watchOf(90, 5);
    watch.check();
    server.serve(DOMAIN, time.instant().minus(Duration.ofDays(72)), time.instant().plus(Duration.ofDays(18)));
    alerts.lines.clear();
    watch.check();
    assertEquals(List.of("resolved [tls/served]", "resolved [tls/expiry/0]", "resolved [tls/expiry/7]",
        "resolved [tls/expiry/14]", "warning [tls/expiry/21]"),
        alerts.lines.stream().map(l -> l.substring(0, l.indexOf(']') + 1)).toList());
  }

  @Test
  void aThresholdAppliesOnlyToCertificatesThatLiveLongerThanThreeTimesIt() throws Exception {
    ServedCertificateWatch watch = watchOf(45, 20);
    watch.check();
    assertEquals(List.of(), raised(), "a 45-day certificate, renewed with 15 days left, is not alerted at 21");
    after(Duration.ofDays(6), watch);
    assertEquals(1, raised().size());
    assertTrue(raised().get(0).startsWith("warning [tls/expiry/14]: "), raised().toString());

    alerts.lines.clear();
    server.serve(DOMAIN, time.instant().minus(Duration.ofDays(4)), time.instant().plus(Duration.ofDays(2)));
    after(Duration.ofDays(1), watch);
    assertEquals(List.of(), raised(), "a 6-day certificate of a test CA with a day left: renewed as it should be");
    after(Duration.ofDays(1), watch);
    assertEquals(1, raised().size());
    assertTrue(raised().get(0).startsWith("critical [tls/expiry/0]: the certificate served for app.example.org expired "),
        raised().toString());

    assertTrue(ServedCertificateWatch.applies(21, Duration.ofDays(63).plusSeconds(1)));
    assertTrue(!ServedCertificateWatch.applies(21, Duration.ofDays(63)));
    assertTrue(ServedCertificateWatch.applies(7, Duration.ofDays(365)));
  }

  @Test
  void aFailedHandshakeIsAlertedTriedAgainAfterFiveMinutesAndResolvedByTheNextGoodOne() throws Exception {
    int closed;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = free.getLocalPort();
    }
    watchOf(90, 60).check();
    ServedCheck good = ServedCheck.read(new HostRoot(dir)).orElseThrow();
    ServedCertificateWatch refused = watch(closed);

    time.sleep(Duration.ofDays(1));
    refused.poll();
    assertEquals("warning [tls/served]: no TLS handshake with the front for app.example.org: 127.0.0.1:" + closed
        + ": Connection refused", raised().get(0).substring(0, raised().get(0).indexOf(';')));
    ServedCheck failed = ServedCheck.read(new HostRoot(dir)).orElseThrow();
    assertEquals(new ServedCheck(time.instant().toString(), good.certificate(), "127.0.0.1:" + closed + ": Connection refused"),
        failed, "what was served before is kept");
    assertTrue(failed.describe().startsWith("the last check (2026-12-02T10:00:00Z) FAILED: 127.0.0.1:" + closed
        + ": Connection refused; served before: CN=app.example.org"), failed.describe());

    time.sleep(Duration.ofMinutes(4));
    refused.poll();
    assertEquals(1, raised().size(), "not tried again within 5 minutes");
    time.sleep(Duration.ofMinutes(1));
    refused.poll();
    assertEquals(2, raised().size(), "tried again after 5 minutes");

    alerts.lines.clear();
    ServedCheck again = watch(server.port()).check();
    assertTrue(again.ok());
    assertNull(again.error());
    assertEquals("resolved [tls/served]: the front serves CN=app.example.org again", alerts.lines.get(0));
  }

  @Test
  void pollChecksOnceADayOfTheClockAndRecordsWhatStatusReads() throws Exception {
    ServedCertificateWatch watch = watchOf(90, 60);
    watch.poll();
    time.sleep(Duration.ofHours(23).plusMinutes(59));
    watch.poll();
    assertEquals(1, server.serverNames.size(), "one handshake within the day");
    time.sleep(Duration.ofMinutes(1));
    watch.poll();
    assertEquals(2, server.serverNames.size());

    ServedCheck recorded = ServedCheck.read(new HostRoot(dir)).orElseThrow();
    assertEquals("2026-12-02T10:00:00Z", recorded.checked());
    assertEquals(new FrontHandshake(server.port()).served(DOMAIN), recorded.certificate());
    assertEquals("CN=app.example.org, issued by " + LocalTlsServer.CA + ", expires 2027-01-30 (59 days); checked"
        + " 2026-12-02T10:00:00Z", recorded.describe());
    assertEquals(List.of(), log);
  }
}
