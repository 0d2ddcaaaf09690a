package dev.appliance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.backup.BackupStatus;
import dev.appliance.update.UpdateStatus;
import dev.appliance.alerts.AlertStore.OpenAlert;
import dev.appliance.alerts.Severity;
import dev.appliance.status.NetworkStatus;
import dev.appliance.status.StatusReport;
import dev.appliance.status.StatusReport.ServiceStatus;
import dev.appliance.status.StatusReport.SpaceStatus;
import dev.appliance.storage.SpaceLevel;
import dev.appliance.support.FakeTime;
import dev.appliance.tls.ServedCertificate;
import dev.appliance.tls.ServedCheck;
import dev.appliance.support.RecordedAlerts;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The endpoint as Prometheus sees it: the metrics of a status report, and the Alertmanager receiver. */
class MetricsEndpointTest {

  private static final long MIB = 1 << 20;

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
  private final RecordedAlerts alerts = new RecordedAlerts();
  private final List<String> log = new ArrayList<>();
  private final AtomicReference<StatusReport> report = new AtomicReference<>();
  private final Map<String, Integer> restarts = new TreeMap<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private MetricsEndpoint endpoint;

  @BeforeEach
  void start() {
    report.set(report("pid 42 (run, since 2026-12-01T09:00:00Z)", null, List.of(
        new ServiceStatus("front", "running", "healthy", 0, true), new ServiceStatus("web", "running", "healthy", 2, false),
        new ServiceStatus("worker", "running", "", 0, false), new ServiceStatus("postgres", "running", "unhealthy", 0, false),
        new ServiceStatus("redis", "exited", "", 0, false))));
    endpoint = MetricsEndpoint.start(0, new ApplianceMetrics(report::get, () -> Map.copyOf(restarts), "reference", "1.2.3"),
        new AlertReceiver(alerts, time, log::add), log::add).orElseThrow();
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static StatusReport report(String supervisor, String failed, List<ServiceStatus> services) {
    return new StatusReport("file env.yml", List.of(), supervisor, null, failed, "Maintenance", false, services, Map.of(),
        List.of(), List.of(new SpaceStatus("/data", 50, 1000, SpaceLevel.OK, 1000 * MIB, 2000 * MIB),
            new SpaceStatus("/volatile", 90, 100, SpaceLevel.WARNING, 100 * MIB, 1000 * MIB)),
        "2027-01-01T00:00:00Z", new ServedCheck("2026-12-01T09:30:00Z", new ServedCertificate("CN=example.org",
            "CN=R11,O=Let's Encrypt,C=US", "2026-10-03T00:00:00Z", "2027-01-01T00:00:00Z", List.of("example.org"), "AB"),
            null), new BackupStatus("2026-12-01T02:00:00Z", "20261201T013000Z", 42_000L, 5 * MIB, null, null,
            "2026-11-29T04:00:00Z", "2026-11-29T04:02:00Z", null, null, null),
        new UpdateStatus("appliance/reference-app:2 (381ff44c14d2)", "from a to b (switch): rolled back at 2026-12-01T05:00:00Z",
            "rolled back", "2026-12-01T05:00:00Z", false, List.of()), List.of(open(Severity.WARNING, "space/volatile"), open(Severity.CRITICAL, "failed/crash-loop/web"),
            open(Severity.WARNING, "prometheus/ApplianceDiskFull/volatile")), List.of(), null,
        new NetworkStatus("no table of the appliance's", "off"));
  }

  private static OpenAlert open(Severity severity, String key) {
    return new OpenAlert(severity, key, "summary of " + key, "2026-12-01T09:00:00Z");
  }

  /** Each sample of a scrape, by name and labels, with its value. */
  private Map<String, Double> scrape() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Double> samples = new TreeMap<>();
    response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(line ->
        samples.put(line.substring(0, line.lastIndexOf(' ')), Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    return samples;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + endpoint.port() + path);
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(AlertReceiver.PATH)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theMetricsAreTheStatusOfTheMomentOfTheScrape() throws Exception {
    restarts.put("web", 3);
    Map<String, Double> samples = scrape();
    assertEquals(0.0, samples.get("appliance_up"), "redis is not running");
    assertEquals(0.0, samples.get("appliance_failed"));
    assertEquals(1.0, samples.get("appliance_maintenance"));
    assertEquals(1.0, samples.get("appliance_service_up{service=\"worker\"}"));
    assertEquals(0.0, samples.get("appliance_service_up{service=\"redis\"}"));
    assertEquals(1.0, samples.get("appliance_service_healthy{service=\"web\"}"));
    assertEquals(1.0, samples.get("appliance_service_healthy{service=\"worker\"}"), "running, and no healthcheck to fail");
    assertEquals(0.0, samples.get("appliance_service_healthy{service=\"postgres\"}"), "its healthcheck fails");
    assertEquals(0.0, samples.get("appliance_service_healthy{service=\"redis\"}"));
    assertEquals(3.0, samples.get("appliance_service_restarts_total{service=\"web\"}"), "the supervisor's count, not status's window");
    assertEquals(0.0, samples.get("appliance_service_restarts_total{service=\"front\"}"), "every service, from 0");
    assertEquals(1.0, samples.get("appliance_version_info{stack=\"reference\",version=\"1.2.3\"}"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond(),
        samples.get("appliance_tls_certificate_expiry_timestamp_seconds"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z").getEpochSecond(), samples.get("appliance_tls_served_certificate_expiry"
        + "_timestamp_seconds{issuer=\"CN=R11,O=Let's Encrypt,C=US\",subject=\"CN=example.org\"}"));
    assertEquals(Instant.parse("2026-12-01T09:30:00Z").getEpochSecond(), samples.get("appliance_tls_served_check_timestamp_seconds"));
    assertEquals(1.0, samples.get("appliance_tls_served_check_success"));
    assertEquals(1000.0 * MIB, samples.get("appliance_filesystem_free_bytes{path=\"/data\"}"));
    assertEquals(1000.0 * MIB, samples.get("appliance_filesystem_size_bytes{path=\"/volatile\"}"));
    assertEquals(1.0, samples.get("appliance_alerts_open{severity=\"critical\"}"));
    assertEquals(2.0, samples.get("appliance_alerts_open{severity=\"warning\"}"));
    assertEquals(0.0, samples.get("appliance_alerts_open{severity=\"info\"}"), "every severity, from 0");
    assertEquals(Instant.parse("2026-12-01T02:00:00Z").getEpochSecond(), samples.get("appliance_backup_last_verified_timestamp_seconds"));
    assertEquals(42.0, samples.get("appliance_backup_last_duration_seconds"));
    assertEquals(5.0 * MIB, samples.get("appliance_backup_last_size_bytes"));
    assertEquals(0.0, samples.get("appliance_backup_last_failed"));
    assertEquals(Instant.parse("2026-11-29T04:02:00Z").getEpochSecond(),
        samples.get("appliance_restore_drill_last_success_timestamp_seconds"));
    assertEquals(0.0, samples.get("appliance_update_last_result"));
    assertEquals(Instant.parse("2026-12-01T05:00:00Z").getEpochSecond(), samples.get("appliance_update_last_timestamp_seconds"));

    report.set(report("pid 42 (run, since 2026-12-01T09:00:00Z)", null, List.of(new ServiceStatus("web", "running", "healthy", 0,
        false))));
    restarts.put("web", 4);
    samples = scrape();
    assertEquals(1.0, samples.get("appliance_up"), "read again at the next scrape");
    assertEquals(4.0, samples.get("appliance_service_restarts_total{service=\"web\"}"));
    report.set(report(null, null, List.of(new ServiceStatus("web", "running", "healthy", 0, false))));
    assertEquals(0.0, scrape().get("appliance_up"), "no supervisor serves");
    report.set(report("pid 42 (run, since 2026-12-01T09:00:00Z)", "web keeps failing", List.of()));
    samples = scrape();
    assertEquals(1.0, samples.get("appliance_failed"));
    assertEquals(0.0, samples.get("appliance_up"));
  }

  @Test
  void aFiringAlertIsRaisedAndAnEndedOneResolvedUnderOneKey() throws Exception {
    String firing = """
        [{"labels": {"alertname": "ApplianceServiceRestarting", "severity": "warning", "service": "web",
                     "job": "appliance", "instance": "127.0.0.1:9469"},
          "annotations": {"summary": "web was restarted", "description": "See why with: journalctl -u appliance"},
          "startsAt": "2026-12-01T09:58:00.123456789Z", "endsAt": "2026-12-01T10:04:00Z",
          "generatorURL": "http://127.0.0.1:9090/graph"}]""";
    HttpResponse<String> response = post(firing);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(List.of("""
        warning [prometheus/ApplianceServiceRestarting/web]: web was restarted; See why with: journalctl -u appliance

        Prometheus rule ApplianceServiceRestarting, firing since 2026-12-01T09:58:00.123456789Z.
        Labels: instance=127.0.0.1:9469, job=appliance, service=web"""), alerts.lines);

    time.sleep(java.time.Duration.ofMinutes(5));
    assertEquals(200, post(firing).statusCode(), "its endsAt has passed: Prometheus sends ended alerts like this");
    assertEquals("resolved [prometheus/ApplianceServiceRestarting/web]: Prometheus: ApplianceServiceRestarting ended at"
        + " 2026-12-01T10:04:00Z", alerts.lines.get(1));
  }

  @Test
  void aBodyThatIsNotAnArrayOfAlertsIsRefusedWholeWithTheReason() throws Exception {
    String valid = "{\"labels\": {\"alertname\": \"A\"}}";
    for (String[] bad : List.of(
        new String[] {"[" + valid + ", {\"labels\": {\"alertname\": ", "not JSON: "},
        new String[] {"{\"labels\": {\"alertname\": \"A\"}}", "expected a JSON array of alerts"},
        new String[] {"[" + valid + ", {\"labels\": {\"severity\": \"critical\"}}]", "alert 1: labels.alertname is missing"},
        new String[] {"[{\"labels\": {\"alertname\": \"A\", \"count\": 3}}]", "alert 0: labels.count: expected a text"},
        new String[] {"[{\"labels\": {\"alertname\": \"A\"}, \"endsAt\": \"yesterday\"}]", "alert 0: endsAt: 'yesterday' is not"},
        new String[] {"[3]", "alert 0: expected an object"})) {
      HttpResponse<String> response = post(bad[0]);
      assertEquals(400, response.statusCode(), bad[0]);
      assertTrue(response.body().startsWith(bad[1]), response.body());
    }
    assertEquals(List.of(), alerts.lines, "nothing raised, not even the valid alert beside a bad one");
    assertTrue(log.stream().anyMatch(l -> l.startsWith("metrics: refused alerts posted to /api/v2/alerts: alert 1:")), log::toString);
  }

  @Test
  void onlyMetricsAndPostedAlertsAreServed() throws Exception {
    assertEquals(404, http.send(HttpRequest.newBuilder(uri("/")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(404, http.send(HttpRequest.newBuilder(uri("/-/healthy")).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode());
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri(AlertReceiver.PATH)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertEquals("POST", get.headers().firstValue("allow").orElse(""));
  }

  @Test
  void itListensOnTheLoopbackInterfaceOnly() throws Exception {
    List<InetAddress> others = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
    for (InetAddress address : others) {
      try {
        new Socket(address, endpoint.port()).close();
        throw new AssertionError("the endpoint answers on " + address);
      } catch (ConnectException e) {
        // refused, as it must be
      }
    }
    new Socket(InetAddress.getLoopbackAddress(), endpoint.port()).close();
  }

  @Test
  void aPortTakenIsLoggedAndServesNothing() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertFalse(MetricsEndpoint.start(taken.getLocalPort(), new ApplianceMetrics(report::get, Map::of, "s", "v"),
          new AlertReceiver(alerts, time, log::add), log::add).isPresent());
    }
    assertTrue(log.stream().anyMatch(l -> l.startsWith("metrics: cannot serve on 127.0.0.1:") && l.contains("ss -ltnp")),
        log::toString);
  }
}
