package dev.appliance.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import dev.appliance.docker.DockerClients;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's metrics as Prometheus sees them. The whole chain runs in a temporary root with the real images and
 * appliance/metric/exporter on a free port; Debian's prometheus, started here, scrapes it every second and is asked
 * by PromQL through its HTTP API. It also evaluates, every second, the project's rules and a rule that always fires:
 * both alerts reach the supervisor's receiver and open as the appliance's own, which {@code appliance status} lists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Path PROJECT_RULES = Path.of("../prometheus/appliance.rules.yml").toAbsolutePath().normalize();

  @TempDir
  static Path work;
  static String name;
  static int metricsPort;
  static int prometheusPort;
  static ApplianceCli cli;
  static StringWriter supervisorOut = new StringWriter();
  static CompletableFuture<ApplianceCli.Result> supervisor;
  static Process prometheus;
  static DockerClient docker;
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void startTheApplianceAndPrometheus() throws Exception {
    assertTrue(ProcessRunner.firstOnPath("prometheus").isPresent(), "prometheus is missing; install it with:"
        + " apt-get install prometheus (then stop the server it may start: systemctl disable --now prometheus)");
    name = "promit" + Long.toString(System.nanoTime() % 1_000_000, 36);
    metricsPort = TestEnvs.freePort();
    prometheusPort = TestEnvs.freePort();
    Path env = TestEnvs.metrics(TestEnvs.localhost(work.resolve("env")), work.resolve("metrics-env.yml"), metricsPort, false);
    cli = new ApplianceCli(work.resolve("root"), TestEnvs.stack(work.resolve("stack"), name), TestEnvs.freePort(),
        TestEnvs.freePort());
    docker = DockerClients.connect();
    ApplianceCli.ok(cli.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    ApplianceCli.ok(cli.run("prepare-appliance"));
    ApplianceCli.ok(cli.run("prepare-app"));
    supervisor = cli.start(supervisorOut, "run");
    await(() -> supervisorOut.toString().contains("serving https://"), Duration.ofSeconds(180), () -> "not serving: "
        + supervisorOut + (supervisor.isDone() ? supervisor.join() : ""));
    assertTrue(supervisorOut.toString().contains("metrics: serving http://127.0.0.1:" + metricsPort + "/metrics"),
        supervisorOut::toString);
    startPrometheus();
  }

  /** Prometheus with its own configuration and storage, on 127.0.0.1 only, scraping and evaluating every second. */
  private static void startPrometheus() throws Exception {
    Path dir = Files.createDirectories(work.resolve("prometheus"));
    Files.writeString(dir.resolve("always.rules.yml"), """
        groups:
          - name: test
            rules:
              - alert: AlwaysFiring
                expr: vector(1)
                for: 0s
                labels:
                  severity: critical
                annotations:
                  summary: A rule that always fires
                  description: Made by PrometheusScrapeIT.
        """);
    String target = "[\"127.0.0.1:" + metricsPort + "\"]";
    Files.writeString(dir.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [always.rules.yml, %s]
        scrape_configs:
          - job_name: appliance
            static_configs:
              - targets: %s
        alerting:
          alertmanagers:
            - api_version: v2
              static_configs:
                - targets: %s
        """.formatted(PROJECT_RULES, target, target));
    prometheus = new ProcessBuilder("prometheus", "--config.file=" + dir.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
        .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    await(PrometheusScrapeIT::ready, WAIT, PrometheusScrapeIT::prometheusLog);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
        prometheus.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    cli.run("stop", "--timeout", "5");
    if (supervisor != null) {
      supervisor.get(60, TimeUnit.SECONDS);
    }
    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()
        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
    docker.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> n.getName().equals(name))
        .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    docker.close();
  }


  private static void await(Callable<Boolean> condition, Duration within, Supplier<String> what) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (!condition.call()) {
      assertTrue(Instant.now().isBefore(deadline), () -> "timed out after " + within.toSeconds() + " s: " + what.get());
      Thread.sleep(250);
    }
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Whether Prometheus is ready; while it starts it refuses connections, and if it ended the test fails. */
  private static boolean ready() throws InterruptedException {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException e) {
      assertTrue(prometheus == null || prometheus.isAlive(), () -> "prometheus ended: " + prometheusLog());
      return false;
    }
  }

  /** The one series that {@code promql} selects ({@code metric} and {@code value}), or null while it selects none. */
  private static JsonNode series(String promql) throws Exception {
    HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    assertEquals(200, response.statusCode(), response.body());
    JsonNode result = new ObjectMapper().readTree(response.body()).path("data").path("result");
    assertTrue(result.size() <= 1, () -> promql + " selects more than one series: " + result);
    return result.isEmpty() ? null : result.get(0);
  }

  /** The value of the one series that {@code promql} selects, or null while it selects none. */
  private static String query(String promql) throws Exception {
    JsonNode series = series(promql);
    return series == null ? null : series.path("value").get(1).asText();
  }

  private static String prometheusLog() {
    try {
      String log = Files.readString(work.resolve("prometheus/prometheus.log"));
      return log.substring(Math.max(0, log.length() - 3000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Test
  @Order(1)
  void prometheusReadsTheHealthOfTheServicesAsTheApplianceHoldsIt() throws Exception {
    await(() -> "1".equals(query("appliance_service_healthy{service=\"web\"} == 1")), WAIT, () -> "web not healthy in"
        + " Prometheus; last scrape: " + scrapeDescription());
    assertEquals("1", query("appliance_up"), "the supervisor serves");
    assertEquals("0", query("appliance_failed"));
    assertEquals("0", query("appliance_service_restarts_total{service=\"web\"}"));
    JsonNode version = series("appliance_version_info");
    assertEquals(name, version.path("metric").path("stack").asText(), version::toString);
    assertEquals(dev.appliance.env.cli.VersionProvider.version(), version.path("metric").path("version").asText());
  }

  private static String scrapeDescription() {
    try {
      return get("/api/v1/targets").body();
    } catch (IOException | InterruptedException e) {
      return e.toString();
    }
  }

  @Test
  @Order(2)
  void aKilledContainerRaisesTheRestartsCounter() throws Exception {
    docker.killContainerCmd(name + "-web").exec();
    await(() -> "1".equals(query("appliance_service_restarts_total{service=\"web\"}")), WAIT,
        () -> "no restart counted: " + supervisorOut);
    assertTrue(supervisorOut.toString().contains("web exited (code 137); restarting"), supervisorOut::toString);
  }

  @Test
  @Order(3)
  void prometheusAlertsOpenAsTheAppliancesOwn() throws Exception {
    await(() -> cli.run("status").out().contains("critical [prometheus/AlwaysFiring] since "), WAIT,
        () -> cli.run("status").out() + "\n" + prometheusLog());
    String status = cli.run("status").out();
    assertTrue(status.contains(": A rule that always fires"), status);
    // The project's own rule, on the restart of the test before: its alert carries the service in its key.
    await(() -> cli.run("status").out().contains("warning [prometheus/ApplianceServiceRestarting/web] since "), WAIT,
        () -> cli.run("status").out() + "\n" + prometheusLog());
    assertFalse(supervisorOut.toString().contains("refused alerts"), supervisorOut::toString);
  }
}
