package dev.appliance.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.appliance.alerts.AlertStore;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.docker.DockerClients;
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.DatabaseShell;
import dev.appliance.support.DerivedImages;
import dev.appliance.support.RegistryServer;
import dev.appliance.support.SteadyClient;
import dev.appliance.support.TestEnvs;
import dev.appliance.update.UpdateJournal.State;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Updates of a serving appliance with the real engine, front and database, in order, each test on the version the
 * one before left: 1 to 2 with a migration; 2 to "3" (the same migrations) switched under a steady client; a version
 * whose health check never passes; a version whose migration fails halfway; a backup that fails; and updates killed
 * in their journal's states, then run again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateIT {

  @TempDir
  static Path work;
  static DockerClient docker;
  static String name;
  static Path root;
  /** With the first version's stack, to prepare the appliance. */
  static ApplianceCli first;
  /** With the stack the root records: what the appliance runs after each update. */
  static ApplianceCli cli;
  static int httpsPort;
  static Path env;
  /** The supervisor, in a process of its own as under systemd: locks are per process. */
  static Process supervisor;
  static Path supervisorLog;

  /** The test's own images, derived from the reference application's version 2. */
  static final String SAME_MIGRATIONS = "appliance-test/reference-app:3";
  static final String UNHEALTHY = "appliance-test/reference-app:unhealthy";
  static final String BROKEN_MIGRATION = "appliance-test/reference-app:4";
  static final String GOOD_MIGRATION = "appliance-test/reference-app:5";

  @BeforeAll
  static void setUp() throws Exception {
    docker = DockerClients.connect();
    name = "update" + Long.toString(System.nanoTime() % 1_000_000, 36);
    root = work.resolve("root");
    httpsPort = TestEnvs.freePort();
    first = new ApplianceCli(root, stack("v1", "appliance/reference-app:1"), TestEnvs.freePort(), httpsPort);
    cli = first.withRecordedStack();
    env = TestEnvs.localhost(work.resolve("env"));
    DerivedImages.sameMigrations(docker, work, SAME_MIGRATIONS, "3");
    build(UNHEALTHY, "ENV APP_VERSION=6\nCOPY unhealthy /app/healthcheck\n",
        Map.of("unhealthy", "#!/bin/sh\necho 'never healthy'\nexit 1\n"));
    DerivedImages.brokenMigration(docker, work, BROKEN_MIGRATION, "4");
    build(GOOD_MIGRATION, "ENV APP_VERSION=5\nCOPY V3__notes.sql /app/migrations/\nLABEL appliance.migrations=1,2,3\n",
        Map.of("V3__notes.sql", "CREATE TABLE notes (id bigserial PRIMARY KEY, body text);\n"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (cli != null) {
      cli.run("stop", "--timeout", "5");
      if (supervisor != null) {
        if (!supervisor.waitFor(60, TimeUnit.SECONDS)) {
          supervisor.destroyForcibly();
        }
        System.out.println("the supervisor's lines:\n" + read(supervisorLog));
      }
      for (Container container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
      docker.listNetworksCmd().withNameFilter(name).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }
    docker.close();
  }

  /** The project's stack as this test's, its web and worker on {@code image}. */
  static Path stack(String version, String image) throws IOException {
    return TestEnvs.stack(work.resolve("stack-" + version), name, "image: appliance/reference-app:2", "image: " + image);
  }

  static void build(String tag, String dockerfile) throws IOException {
    build(tag, dockerfile, Map.of());
  }

  static void build(String tag, String dockerfile, Map<String, String> files) throws IOException {
    DerivedImages.build(docker, work, tag, dockerfile, files);
  }

  static ApplianceCli.Result update(String version, String image) throws IOException {
    return cli.run("update", "--stack", stack(version, image).toString());
  }

  static UpdateJournal journal() throws IOException {
    return UpdateJournal.read(new HostRoot(root)).orElseThrow();
  }

  static List<String> openAlerts() throws IOException {
    return new AlertStore(new HostRoot(root)).open().stream().map(AlertStore.OpenAlert::key).toList();
  }

  static HttpResponse<String> https(String method, String path, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(HttpsProbe.trustingContext())
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
        .timeout(Duration.ofSeconds(10));
    request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String version() throws Exception {
    HttpResponse<String> answer = https("GET", "/version", null);
    assertEquals(200, answer.statusCode(), answer.body());
    return answer.body().strip();
  }

  static String psql(String sql) throws Exception {
    return new DatabaseShell(docker, name + "-postgres").psql(sql);
  }

  static String schema() throws Exception {
    return new DatabaseShell(docker, name + "-postgres").schema();
  }

  /** The names of the stack's containers. */
  static List<String> containers() {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name)).exec().stream()
        .map(c -> c.getNames()[0].substring(1)).sorted().toList();
  }

  static String imageOf(String container) {
    return docker.inspectContainerCmd(container).exec().getImageId();
  }

  static String imageId(String image) {
    return docker.inspectImageCmd(image).exec().getId();
  }

  @Test
  @Order(1)
  void fromOneToTwoMigratesBehindTheMaintenancePageWithTheDataIntact() throws Exception {
    ApplianceCli.ok(first.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    ApplianceCli.ok(first.run("prepare-appliance"));
    ApplianceCli.ok(first.run("prepare-app"));
    startSupervisor();
    assertEquals("1", version());
    for (int i = 0; i < 3; i++) {
      assertEquals(201, https("POST", "/documents?name=doc" + i, "document " + i).statusCode());
    }
    try (SteadyClient visitor = SteadyClient.start(httpsPort, "/version", 2_400)) {
      ApplianceCli.Result updated = ApplianceCli.ok(update("v2", "appliance/reference-app:2"));
      assertTrue(updated.out().contains("how: maintenance"), updated.out());
      assertTrue(updated.out().contains("update: migrated"), updated.out());
      visitor.stop();
      assertTrue(visitor.failures().stream().anyMatch(f -> f.contains("503")), "the maintenance page was up: " + visitor.failures());
      // The page and nothing else: no 502 from a front that still knew the old container's address.
      assertTrue(visitor.failures().stream().allMatch(f -> f.contains("503")), visitor.failures().toString());
    }
    assertEquals("2", version());
    assertEquals(State.DONE, journal().state());
    assertTrue(journal().dump().isPresent());
    assertEquals("3", psql("SELECT count(*) FROM documents"));
    for (int i = 0; i < 3; i++) {
      assertEquals("document " + i, https("GET", "/documents/" + (i + 1), null).body());
    }
    assertEquals(imageId("appliance/reference-app:2"), imageOf(name + "-web"));
    assertTrue(ApplianceCli.ok(cli.run("status")).out().contains("update:      from appliance/reference-app:1"), "status");
    // Back by hand would lose what was written since: said, and refused without --yes.
    ApplianceCli.Result refused = cli.run("rollback");
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.out().contains("every write since the update"), refused.out());
    assertEquals("2", version());
  }

  @Test
  @Order(2)
  void aVersionWithTheSameMigrationsIsSwitchedWithoutAFailedRequest() throws Exception {
    ApplianceCli.Result updated;
    try (SteadyClient visitor = SteadyClient.start(httpsPort, "/version", 3_000)) {
      updated = ApplianceCli.ok(update("v3", SAME_MIGRATIONS));
      Thread.sleep(1_000);
      visitor.stop();
      assertEquals(List.of(), visitor.failures(), "no failed request among " + visitor.requests());
      assertEquals(List.of("2", "3"), visitor.answers());
      assertTrue(visitor.longestGap().compareTo(Duration.ofSeconds(1)) < 0, "longest gap " + visitor.longestGap());
      System.out.println("switch: " + visitor.requests() + " requests, longest gap " + visitor.longestGap().toMillis() + " ms");
    }
    assertTrue(updated.out().contains("how: switch"), updated.out());
    assertEquals("3", version());
    assertEquals(State.DONE, journal().state());
    assertEquals(imageId(SAME_MIGRATIONS), imageOf(name + "-web"));
    assertFalse(containers().contains(name + "-web-next"), containers().toString());
    assertEquals("3", psql("SELECT count(*) FROM documents"));
  }

  @Test
  @Order(3)
  void aVersionThatNeverBecomesHealthyIsRemovedWhileTheOldOneServes() throws Exception {
    try (SteadyClient visitor = SteadyClient.start(httpsPort, "/version", 3_000)) {
      ApplianceCli.Result updated = update("unhealthy", UNHEALTHY);
      visitor.stop();
      assertEquals(1, updated.code(), updated.out());
      assertEquals(List.of(), visitor.failures(), "no failed request among " + visitor.requests());
      assertEquals(List.of("3"), visitor.answers());
    }
    assertEquals(State.ROLLED_BACK, journal().state());
    assertTrue(openAlerts().contains(UpdateRun.ALERT), openAlerts().toString());
    assertEquals("3", version());
    assertFalse(containers().contains(name + "-web-next"), containers().toString());
  }

  @Test
  @Order(4)
  void aMigrationThatFailsHalfwayIsRolledBackToTheDump() throws Exception {
    String schema = schema();
    String rows = psql("SELECT count(*) FROM documents");
    ApplianceCli.Result updated = update("v4", BROKEN_MIGRATION);
    assertEquals(1, updated.code(), updated.out());
    assertTrue(updated.out().contains("the migration failed"), updated.out());
    assertEquals(State.ROLLED_BACK, journal().state());
    assertEquals(schema, schema(), "the schema of before the update: V3's table and column are gone");
    assertEquals(rows, psql("SELECT count(*) FROM documents"));
    assertEquals("3", version());
    assertTrue(openAlerts().contains(UpdateRun.ALERT), openAlerts().toString());
  }

  @Test
  @Order(5)
  void anUpdateWhoseBackupFailsIsNotAttempted() throws Exception {
    Path unreachable = Files.writeString(work.resolve("env-unreachable.yml"), Files.readString(env)
        .replaceFirst("(?m)^    url: .*$", "    url: rest+http://127.0.0.1:" + TestEnvs.freePort() + "/"));
    ApplianceCli.ok(cli.run("prepare-env", "--env", unreachable.toString(), "--metadata-url", "none"));
    try {
      ApplianceCli.Result updated = update("v5", GOOD_MIGRATION);
      assertEquals(1, updated.code(), updated.out());
      assertEquals(State.NOT_ATTEMPTED, journal().state());
      assertTrue(openAlerts().contains(UpdateRun.ALERT), openAlerts().toString());
      assertEquals("3", version());
      assertEquals(imageId(SAME_MIGRATIONS), imageOf(name + "-web"));
    } finally {
      ApplianceCli.ok(cli.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    }
  }

  @Test
  @Order(6)
  void anUpdateKilledInEachStateConvergesWhenRunAgain() throws Exception {
    // The switch killed before it switched goes back; killed after, it goes on.
    assertEquals("3", killedAt(State.CANDIDATE_UP, "v6", "appliance/reference-app:2", State.ROLLED_BACK));
    assertEquals("2", killedAt(State.SWITCHED, "v6", "appliance/reference-app:2", State.DONE));
    // Behind the page: killed once the database was dumped (the migration may have begun), the dump comes back.
    String schema = schema();
    assertEquals("2", killedAt(State.DUMPED, "v5", GOOD_MIGRATION, State.ROLLED_BACK));
    assertEquals(schema, schema());
    assertEquals("3", psql("SELECT count(*) FROM documents"));
  }

  @Test
  @Order(7)
  void aVersionFromARegistryIsPulledPinnedAndRolledBackWithoutTheRegistry() throws Exception {
    String before = version();
    String image;
    try (RegistryServer registry = RegistryServer.start(work.resolve("registry"))) {
      image = registry.host() + "/reference-app:7";
      build(image, "ENV APP_VERSION=7\n");
      docker.pushImageCmd(image).exec(new ResultCallback.Adapter<PushResponseItem>()).awaitCompletion(120, TimeUnit.SECONDS);
      docker.removeImageCmd(image).exec(); // only the registry has it now
      ApplianceCli.Result updated = ApplianceCli.ok(update("v7", image));
      assertTrue(updated.out().contains("update: pulled " + image), updated.out());
      assertEquals("7", version());
      String pinned = journal().to().digests().get(image);
      assertTrue(pinned != null && pinned.startsWith(registry.host() + "/reference-app@sha256:"), journal().to().toString());
      assertTrue(ApplianceCli.ok(cli.run("status")).out().contains("pinned:    " + pinned));
    }
    // The registry is gone: the rollback switches back to what is here, and the pulled version stays kept by its ID.
    String pulled = imageOf(name + "-web");
    ApplianceCli.Result back = ApplianceCli.ok(cli.run("rollback"));
    assertTrue(back.out().contains("update: switched"), back.out());
    assertEquals(before, version());
    assertEquals(State.DONE, journal().state());
    assertEquals(image, journal().from().label().replaceFirst(" \\(.*", ""));
    assertEquals(pulled, imageId(KeptImages.keptName(image, pulled)));
  }

  @Test
  @Order(8)
  void aMachineRestartedInTheMiddleOfAnUpdateEndsItAtItsNextStart() throws Exception {
    // Switched, then the machine went down: the start goes on with the new version.
    killOnly(State.SWITCHED, "v8", SAME_MIGRATIONS);
    restartMachine();
    assertEquals(State.DONE, journal().state());
    assertEquals("3", version());
    assertEquals(imageId(SAME_MIGRATIONS), imageOf(name + "-web"));
    // Migrated behind the page, then down: the start puts the dump back and serves the old version.
    String schema = schema();
    killOnly(State.MIGRATED, "v9", GOOD_MIGRATION);
    restartMachine();
    assertEquals(State.ROLLED_BACK, journal().state());
    assertEquals("3", version());
    assertEquals(schema, schema());
    assertEquals("3", psql("SELECT count(*) FROM documents"));
  }

  /** What a reboot does to the appliance: the supervisor gone, every container stopped; then the start chain. */
  private static void restartMachine() throws Exception {
    supervisor.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    for (Container container : docker.listContainersCmd().withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()) {
      docker.stopContainerCmd(container.getId()).withTimeout(5).exec();
    }
    ApplianceCli.ok(cli.run("prepare-appliance"));
    ApplianceCli.ok(cli.run("prepare-app"));
    startSupervisor();
  }

  private static void startSupervisor() throws Exception {
    supervisorLog = work.resolve("supervisor-" + System.nanoTime() + ".log");
    supervisor = cli.startProcess(supervisorLog, "run");
    Instant deadline = Instant.now().plusSeconds(180);
    while (!read(supervisorLog).contains("serving https://")) {
      assertTrue(supervisor.isAlive() && Instant.now().isBefore(deadline), () -> "not serving: " + read(supervisorLog));
      Thread.sleep(200);
    }
  }

  /** Runs an update in a process of its own and kills it once its journal says {@code state}. */
  private static void killOnly(State state, String version, String image) throws Exception {
    Path log = work.resolve("update-" + version + ".log");
    Process process = cli.startProcess(log, "update", "--stack", stack(version, image).toString());
    Instant deadline = Instant.now().plusSeconds(180);
    while (!(journal().state() == state && journal().to().stack().contains("stack-" + version))) {
      assertTrue(process.isAlive(), () -> "the update ended before " + state.word() + ": " + read(log));
      assertTrue(Instant.now().isBefore(deadline), () -> "no " + state.word() + " within 180 s: " + read(log));
      Thread.sleep(50);
    }
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** Runs an update in a process of its own, kills it at {@code state}, runs it again; the version then served. */
  private String killedAt(State state, String version, String image, State converged) throws Exception {
    killOnly(state, version, image);
    ApplianceCli.Result again = cli.run("update");
    assertEquals(converged, journal().state(), again.out());
    assertTrue(again.out().contains("an unfinished update"), again.out());
    return version();
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
