package dev.appliance.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.appliance.docker.DockerClients;
import dev.appliance.images.ImageLabels;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain in a temporary root against the real engine, with the project's own images: the reference
 * application served through the front over HTTPS, its data kept across stop and start, a killed container restarted,
 * a version change migrated after a dump, a crash loop ending in the failed state with a 503 page, and a supervisor
 * killed with SIGKILL mid-start whose rerun converges. The tests build on each other, in order, which is why the
 * class is over 300 lines: split, each part would build the chain and migrate the database again (minutes).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApplianceChainIT {

  @TempDir
  static Path work;
  static Path root;
  static Path env;
  static String name;
  static Path stackV1;
  static Path stackV2;
  static ApplianceCli v1;
  static ApplianceCli v2;
  static int httpPort;
  static int httpsPort;
  static DockerClient docker;
  static CompletableFuture<ApplianceCli.Result> supervisor;
  static StringWriter supervisorOut;
  static String documentId;

  @BeforeAll
  static void setUp() throws IOException {
    root = work.resolve("root");
    env = TestEnvs.localhost(work.resolve("env"));
    name = "chainit" + Long.toString(System.nanoTime() % 1_000_000, 36);
    stackV1 = TestEnvs.stack(work.resolve("v1"), name, "appliance/reference-app:2", "appliance/reference-app:1");
    stackV2 = TestEnvs.stack(work.resolve("v2"), name);
    httpPort = TestEnvs.freePort();
    httpsPort = TestEnvs.freePort();
    v1 = new ApplianceCli(root, stackV1, httpPort, httpsPort);
    v2 = new ApplianceCli(root, stackV2, httpPort, httpsPort);
    docker = DockerClients.connect();
  }

  @AfterAll
  static void tearDown() throws Exception {
    v2.run("stop", "--timeout", "5");
    for (Container container : containers()) {
      docker.removeContainerCmd(container.getId()).withForce(true).exec();
    }
    docker.listNetworksCmd().withNameFilter(name).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    docker.close();
  }

  static List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name)).exec();
  }


  /** Starts {@code run} in the background and waits until it says it serves. */
  private static void startSupervisor(ApplianceCli cli, String... options) throws Exception {
    supervisorOut = new StringWriter();
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(options));
    supervisor = cli.start(supervisorOut, args.toArray(String[]::new));
    Instant deadline = Instant.now().plusSeconds(180);
    while (!supervisorOut.toString().contains("serving https://")) {
      assertFalse(supervisor.isDone(), () -> "run ended: " + supervisor.join());
      assertTrue(Instant.now().isBefore(deadline), () -> "not serving within 180 s: " + supervisorOut);
      Thread.sleep(200);
    }
  }

  private static void stopSupervisor() throws Exception {
    ApplianceCli.ok(v2.run("stop", "--timeout", "10"));
    ApplianceCli.Result result = supervisor.get(60, TimeUnit.SECONDS);
    assertEquals(0, result.code(), result.out() + result.err());
  }

  static HttpResponse<String> https(String method, String path, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(HttpsProbe.trustingContext()).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
        .timeout(Duration.ofSeconds(10));
    request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "text/plain");
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The document stored in the first test: its row in PostgreSQL and its content in the vault. */
  private static void assertDocumentKept() throws Exception {
    assertTrue(https("GET", "/documents", null).body().contains("kept.txt"));
    HttpResponse<String> content = https("GET", "/documents/" + documentId, null);
    assertEquals(200, content.statusCode());
    assertEquals("kept across restarts", content.body());
  }

  private static List<Path> dumps() throws IOException {
    try (var files = Files.list(root.resolve("data/pgdump"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".pgdump")).sorted().toList();
    }
  }

  @Test
  @Order(1)
  void wholeChainServesTheApplicationOverHttps() throws Exception {
    ApplianceCli.ok(v1.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    ApplianceCli.ok(v1.run("prepare-appliance"));
    assertLayout();
    // The front is up before the application and shows the starting page.
    HttpResponse<String> starting = https("GET", "/", null);
    assertEquals(503, starting.statusCode());
    assertEquals("30", starting.headers().firstValue("retry-after").orElse(""));
    assertTrue(starting.body().contains("Starting"), starting.body());

    ApplianceCli.Result app = ApplianceCli.ok(v1.run("prepare-app"));
    assertTrue(app.out().contains("database dumped before the migration"), app.out());
    assertTrue(app.out().contains("migration done"), app.out());
    assertEquals(1, dumps().size());
    startSupervisor(v1);

    HttpResponse<String> health = https("GET", "/healthz", null);
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.headers().firstValue("strict-transport-security").orElse("").contains("max-age="));
    HttpResponse<String> stored = https("POST", "/documents?name=kept.txt", "kept across restarts");
    assertEquals(201, stored.statusCode(), stored.body());
    documentId = stored.body().replaceAll("\\D", "");
    assertDocumentKept();

    HttpResponse<String> plain = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/documents")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(301, plain.statusCode());
    assertEquals("https://localhost:" + httpsPort + "/documents", plain.headers().firstValue("location").orElse(""));
    assertTrue(Files.exists(root.resolve("app/etc/tags/last_running")));
    assertFalse(Files.exists(root.resolve("app/etc/front/maintenance.html")));
  }

  private static void assertLayout() throws IOException {
    assertEquals(Path.of("../data/etc"), Files.readSymbolicLink(root.resolve("app/etc")));
    for (String[] dir : List.of(new String[] {"data/postgresql", "999", "rwx------"}, new String[] {"data/vault", "1000", "rwx------"},
        new String[] {"volatile/redis", "998", "rwx------"}, new String[] {"data/tls", "0", "rwxr-x---"},
        new String[] {"data/pgdump", "0", "rwx------"})) {
      Path path = root.resolve(dir[0]);
      assertEquals(Integer.parseInt(dir[1]), Files.getAttribute(path, "unix:uid"), dir[0]);
      assertEquals(dir[2], PosixFilePermissions.toString(Files.readAttributes(path, PosixFileAttributes.class).permissions()), dir[0]);
    }
    assertEquals(33, Files.getAttribute(root.resolve("data/tls/server.key"), "unix:gid"));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/tls/server.key"))));
  }

  @Test
  @Order(2)
  void killedContainerIsRestarted() throws Exception {
    String worker = name + "-worker";
    docker.killContainerCmd(worker).exec();
    Instant deadline = Instant.now().plusSeconds(30);
    while (!supervisorOut.toString().contains("worker: started")
        || !Boolean.TRUE.equals(docker.inspectContainerCmd(worker).exec().getState().getRunning())) {
      assertTrue(Instant.now().isBefore(deadline), supervisorOut::toString);
      Thread.sleep(200);
    }
    assertTrue(supervisorOut.toString().contains("worker exited (code 137); restarting"), supervisorOut.toString());
    String status = ApplianceCli.ok(v1.run("status")).out();
    assertTrue(status.matches("(?s).*worker +running +restarts 1.*"), status);
    // What the front serves, read by the supervisor's handshake once serving: the placeholder prepare-appliance made.
    assertTrue(status.matches("(?s).*\n  served: +O=appliance placeholder,CN=localhost, issued by O=appliance placeholder,"
        + "CN=localhost, expires \\d{4}-\\d\\d-\\d\\d \\(36[45] days\\); checked .*"), status);
    ApplianceCli.Result second = v1.run("run");
    assertEquals(2, second.code(), second.out() + second.err());
    assertTrue(second.err().contains("another supervisor"), second.err());
  }

  @Test
  @Order(3)
  void dataIsKeptAcrossAFullStopAndStart() throws Exception {
    stopSupervisor();
    assertTrue(containers().stream().noneMatch(c -> c.getState().equals("running")), "all stopped");
    ApplianceCli.ok(v1.run("prepare-appliance"));
    ApplianceCli.Result app = ApplianceCli.ok(v1.run("prepare-app"));
    assertTrue(app.out().contains("version unchanged; no migration"), app.out());
    startSupervisor(v1);
    assertDocumentKept();
  }

  @Test
  @Order(4)
  void versionChangeDumpsThenMigrates() throws Exception {
    String migrated = Files.readString(root.resolve("app/etc/tags/last_migrated"));
    ApplianceCli.Result app = ApplianceCli.ok(v2.run("prepare-app"));
    assertTrue(app.out().contains("version changed: stopping [web, worker]"), app.out());
    assertTrue(app.out().contains("to version \"2"), "the v2 migration ran: " + app.out());
    assertEquals(2, dumps().size());
    Path dump = dumps().get(1);
    assertTrue(dump.getFileName().toString().matches("app-\\d{8}T\\d{6}Z\\.pgdump"), dump.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
    byte[] head = new byte[5];
    try (var in = Files.newInputStream(dump)) {
      assertEquals(5, in.read(head));
    }
    assertEquals("PGDMP", new String(head, java.nio.charset.StandardCharsets.US_ASCII), "a pg_dump custom-format archive");
    assertNotEquals(migrated, Files.readString(root.resolve("app/etc/tags/last_migrated")));
    // The old supervisor sees web and worker stopped for the migration; it ends, and v2 starts.
    stopSupervisor();
    startSupervisor(v2);
    assertDocumentKept();
  }

  @Test
  @Order(5)
  void crashLoopFailsTheApplianceAndTheFrontShowsIt() throws Exception {
    stopSupervisor();
    Path crashing = TestEnvs.stack(work.resolve("crash"), name, "    command: [worker]\n",
        "    command: [worker]\n    entrypoint: [sh, -c, \"sleep 6; exit 3\"]\n");
    ApplianceCli crash = new ApplianceCli(root, crashing, httpPort, httpsPort);
    startSupervisor(crash, "--max-restarts", "2");
    ApplianceCli.Result result = supervisor.get(90, TimeUnit.SECONDS);
    assertEquals(1, result.code(), result.out() + result.err());
    assertTrue(result.out().contains("ALERT critical"), result.out());
    String reason = Files.readString(root.resolve("run/appliance-failed"));
    assertTrue(reason.contains("worker keeps failing"), reason);
    HttpResponse<String> page = https("GET", "/", null);
    assertEquals(503, page.statusCode());
    assertTrue(page.body().contains("The appliance has failed") && page.body().contains("clear-failed"), page.body());
    assertTrue(Files.exists(root.resolve("app/etc/tags/last_failed")));
    ApplianceCli.Result refused = crash.run("run");
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("failed state"), refused.err());
    ApplianceCli.ok(crash.run("clear-failed"));
  }

  @Test
  @Order(6)
  void supervisorKilledMidStartConvergesOnRerunAndStopsOnSigterm() throws Exception {
    ApplianceCli.ok(v2.run("stop", "--timeout", "5"));
    Path killedLog = work.resolve("killed.log");
    Process killed = supervisorProcess(killedLog);
    try {
      awaitLine(killed, killedLog, "postgres: started");
    } finally {
      killed.destroyForcibly().waitFor();
    }
    ApplianceCli.Result unsupervised = v2.run("status");
    assertEquals(1, unsupervised.code(), unsupervised.out());
    assertTrue(unsupervised.out().startsWith("state:       NOT SUPERVISED"), unsupervised.out());
    assertTrue(unsupervised.out().matches("(?s).*\n  postgres +running .*"), unsupervised.out());
    Path rerunLog = work.resolve("rerun.log");
    Process rerun = supervisorProcess(rerunLog);
    try {
      awaitLine(rerun, rerunLog, "serving https://");
      assertEquals(200, new HttpsProbe(httpsPort, "/healthz").status());
      assertDocumentKept();
      long running = containers().stream().filter(c -> c.getState().equals("running")).count();
      assertEquals(5, running, "one container per service, no leftovers");
      // A second up, and prepare-appliance, on the serving appliance: refused, and done without a page, the app serving.
      ApplianceCli.Result secondUp = v2.run("up", "--env", env.toString());
      assertEquals(2, secondUp.code(), secondUp.out() + secondUp.err());
      assertTrue(secondUp.err().contains("another supervisor, pid " + rerun.pid() + " (run, since "), secondUp.err());
      assertEquals("", secondUp.out(), "refused before it did anything");
      ApplianceCli.Result again = ApplianceCli.ok(v2.run("prepare-appliance"));
      assertTrue(again.out().contains("maintenance page: skipping: already off: a supervisor, pid " + rerun.pid()), again.out());
      assertEquals(200, new HttpsProbe(httpsPort, "/healthz").status());
      assertFalse(Files.exists(root.resolve("app/etc/front/maintenance.html")));
      assertTrue(ApplianceCli.ok(v2.run("status")).out().startsWith("state:       running (supervisor pid " + rerun.pid()));
      // SIGTERM, as systemd stops the unit (Ctrl-C takes the same path): every container stops, then the process ends.
      rerun.destroy();
      assertTrue(rerun.waitFor(90, TimeUnit.SECONDS), () -> read(rerunLog));
    } finally {
      rerun.destroyForcibly().waitFor();
    }
    assertTrue(read(rerunLog).contains("stopping the application"), () -> read(rerunLog));
    assertTrue(containers().stream().noneMatch(c -> c.getState().equals("running")), "all stopped on SIGTERM");
    ApplianceCli.ok(v2.run("cleanup"));
    assertTrue(containers().isEmpty(), "cleanup removed the stack's stopped containers");
  }

  /** {@code appliance run} in a process of its own, its output into {@code log}. */
  private static Process supervisorProcess(Path log) throws IOException {
    return v2.startProcess(log, "run");
  }

  private static void awaitLine(Process process, Path log, String text) throws Exception {
    Instant deadline = Instant.now().plusSeconds(180);
    while (!read(log).contains(text)) {
      assertTrue(Instant.now().isBefore(deadline) && process.isAlive(), () -> read(log));
      Thread.sleep(50);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
