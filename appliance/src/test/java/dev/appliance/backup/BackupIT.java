package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.docker.DockerClients;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.DatabaseShell;
import dev.appliance.support.RestServer;
import dev.appliance.support.SftpServer;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups of a running appliance with the real restic against a rest-server (rclone serve restic) and an OpenSSH
 * sftp server on 127.0.0.1, restored onto a brand-new appliance booted from the same env. The tests build on each
 * other, in order: each stands on the running appliance and the repository the earlier ones made.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupIT {

  @TempDir
  static Path work;
  static RestServer rest;
  static SftpServer sftp;
  static Path env;
  static Applianced a;
  static Applianced b;
  static DockerClient docker;
  static final List<String> DOCUMENTS = new ArrayList<>();

  /** One appliance of the test: its root, stack, ports and supervisor. */
  static final class Applianced {
    final String name;
    final Path root;
    final ApplianceCli cli;
    final int httpsPort;
    CompletableFuture<ApplianceCli.Result> supervisor;
    StringWriter out;

    Applianced(String name) throws IOException {
      this.name = name;
      this.root = work.resolve(name);
      this.httpsPort = TestEnvs.freePort();
      this.cli = new ApplianceCli(root, TestEnvs.stack(work.resolve(name + "-stack"), name), TestEnvs.freePort(), httpsPort);
    }

    ApplianceCli.Result run(String... args) {
      return cli.run(args);
    }

    void prepare(Path envFile) {
      ApplianceCli.ok(run("prepare-env", "--env", envFile.toString(), "--metadata-url", "none"));
      ApplianceCli.ok(run("prepare-appliance"));
      ApplianceCli.ok(run("prepare-app"));
    }

    void startSupervisor() throws Exception {
      out = new StringWriter();
      supervisor = cli.startServing(out);
    }

    HttpResponse<String> https(String method, String path, String body) throws Exception {
      HttpClient client = HttpClient.newBuilder().sslContext(HttpsProbe.trustingContext())
          .connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
          .timeout(Duration.ofSeconds(10));
      request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body))
          .header("Content-Type", "text/plain");
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void assertServing() throws Exception {
      assertEquals(200, https("GET", "/healthz", null).statusCode(), "the application keeps serving");
    }

    /** Every file a backup holds, by path relative to /data, with its SHA-256. */
    Map<String, String> files() throws IOException {
      Map<String, String> files = new TreeMap<>();
      for (Manifest.FileEntry entry : Manifest.files(root.resolve("data"))) {
        files.put(entry.path(), entry.sha256());
      }
      files.remove(Manifest.PATH);
      return files;
    }

    String psql(String sql) throws Exception {
      return new DatabaseShell(docker, name + "-postgres").psql(sql);
    }

    String schema() throws Exception {
      return new DatabaseShell(docker, name + "-postgres").schema();
    }

    void stopAll() {
      run("stop", "--timeout", "5");
      if (supervisor != null) {
        supervisor.orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
      }
      for (Container container : docker.listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
      docker.listNetworksCmd().withNameFilter(name).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    docker = DockerClients.connect();
    rest = RestServer.start(work.resolve("rest"), false);
    sftp = SftpServer.start(work.resolve("sftp"));
    env = TestEnvs.localhost(work.resolve("env"), "appliance:\n  backup:\n    url: " + rest.url() + "\n"
        + "    rest: {username: " + rest.username() + ", password: " + rest.password() + "}\n"
        + "    ssh:\n      key: |\n" + sftp.privateKey().strip().lines().map(l -> "        " + l + "\n").reduce("", String::concat)
        + "      known_hosts: ['" + sftp.knownHostsLine() + "']\n");
    String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
    a = new Applianced("backupa" + suffix);
    b = new Applianced("backupb" + suffix);
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (Applianced appliance : new Applianced[] {a, b}) {
      if (appliance != null) {
        appliance.stopAll();
      }
    }
    if (rest != null) {
      rest.close();
    }
    if (sftp != null) {
      sftp.close();
    }
    docker.close();
  }

  static List<String> imageLines(Path tag) throws IOException {
    return Files.readAllLines(tag).stream().filter(l -> !l.startsWith("#")).toList();
  }

  static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  static List<String> openAlerts() throws IOException {
    return new dev.appliance.alerts.AlertStore(new dev.appliance.host.HostRoot(a.root)).open().stream()
        .map(dev.appliance.alerts.AlertStore.OpenAlert::key).toList();
  }

  /** The env with its backup url (and, for a file url, nothing else) replaced. */
  static Path withUrl(String url, String file) throws IOException {
    String text = Files.readString(env);
    String changed = text.replaceFirst("(?m)^    url: .*$", "    url: " + url);
    assertNotEquals(text, changed);
    return Files.writeString(work.resolve(file), changed);
  }

  static Path withSecret(String secret, String file) throws IOException {
    String text = Files.readString(env);
    String changed = text.replaceFirst("(?m)^    secret: .*$", "    secret: " + secret);
    assertNotEquals(text, changed);
    return Files.writeString(work.resolve(file), changed);
  }

  @Test
  @Order(1)
  void aRunningApplianceIsBackedUpAndVerified() throws Exception {
    a.prepare(env);
    a.startSupervisor();
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> stored = a.https("POST", "/documents?name=doc" + i + ".txt", "document " + i + " kept in the backup");
      assertEquals(201, stored.statusCode(), stored.body());
      DOCUMENTS.add(stored.body().replaceAll("\\D", ""));
    }
    ApplianceCli.Result backup = ApplianceCli.ok(a.run("backup"));
    assertTrue(backup.out().contains("backup verified: run "), backup.out());
    assertTrue(backup.out().contains("new repository " + rest.url() + " initialised"), backup.out());
    Manifest manifest = Manifest.read(a.root.resolve("data").resolve(Manifest.PATH));
    assertEquals(a.files().keySet(), manifest.files().stream().map(Manifest.FileEntry::path).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    assertEquals(Long.valueOf(3), manifest.database().rows().get("public.documents"), manifest.database().rows().toString());
    assertFalse(Files.readString(a.root.resolve("data").resolve(Manifest.PATH)).contains(rest.password()));
    String list = ApplianceCli.ok(a.run("backup", "list")).out();
    assertTrue(list.matches("(?s).*  yes  .*\\(files\\) .*\\(database\\).*\n1 runs in .*"), list);
    String status = ApplianceCli.ok(a.run("status")).out();
    assertTrue(status.contains("backup:      last verified "), status);
    // What restic got never went through its command line: the password and the rest login are in files under /run.
    assertFalse(backup.out().contains(rest.password()), backup.out());
  }

  @Test
  @Order(2)
  void aBrandNewApplianceFromTheSameEnvRestoresEveryFileAndRow() throws Exception {
    b.prepare(env);
    ApplianceCli.Result restore = ApplianceCli.ok(b.run("restore", "--yes"));
    assertTrue(restore.out().contains("match the manifest"), restore.out());
    assertTrue(restore.out().matches("(?s).*restore: done in [0-9.]+ s: run .*"), restore.out());
    // The restore writes the version tags itself (the backed-up version, stamped with the restore's time).
    Map<String, String> restored = b.files();
    Map<String, String> backedUp = a.files();
    for (String tag : List.of("etc/tags/last_running", "etc/tags/last_migrated")) {
      assertTrue(restored.remove(tag) != null && backedUp.remove(tag) != null, tag);
    }
    assertEquals(backedUp, restored, "every file byte-identical");
    assertEquals(imageLines(a.root.resolve("data/etc/tags/last_running")), imageLines(b.root.resolve("data/etc/tags/last_running")));
    // What 'appliance up' (the restore's advice in a test root) does: the chain, then the supervisor. The front's
    // site came back with /data/etc and names a's web container (the test's two stacks have two names).
    ApplianceCli.ok(b.run("prepare-appliance"));
    ApplianceCli.ok(b.run("prepare-app"));
    b.startSupervisor();
    assertEquals(a.psql("SELECT count(*) FROM documents"), b.psql("SELECT count(*) FROM documents"));
    assertEquals(a.schema(), b.schema());
    for (int i = 0; i < DOCUMENTS.size(); i++) {
      HttpResponse<String> content = b.https("GET", "/documents/" + DOCUMENTS.get(i), null);
      assertEquals(200, content.statusCode());
      assertEquals("document " + i + " kept in the backup", content.body());
    }
    ApplianceCli.ok(b.run("stop", "--timeout", "10"));
    b.supervisor.get(60, TimeUnit.SECONDS);
  }

  @Test
  @Order(3)
  void aRestoreOntoDataRefusesWithoutForceAndChangesNothing() throws Exception {
    Map<String, String> before = b.files();
    List<Path> entries = entries(b.root.resolve("data"));
    ApplianceCli.Result refused = b.run("restore", "--yes");
    assertEquals(2, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("holds data"), refused.err());
    assertEquals(before, b.files());
    assertEquals(entries, entries(b.root.resolve("data")), "nothing moved aside");
  }

  @Test
  @Order(4)
  void aBackupKilledMidwayLeavesARepositoryTheNextOneUses() throws Exception {
    Path big = a.root.resolve("data/vault/big.bin");
    byte[] block = new byte[1 << 20];
    Random random = new Random(4);
    try (var out = Files.newOutputStream(big)) {
      for (int i = 0; i < 300; i++) {
        random.nextBytes(block);
        out.write(block);
      }
    }
    Path log = work.resolve("killed-backup.log");
    Process process = a.cli.startProcess(log, "backup");
    Instant deadline = Instant.now().plusSeconds(120);
    while (!Files.readString(log).contains("dumped into snapshot")) {
      assertTrue(process.isAlive() && Instant.now().isBefore(deadline), Files.readString(log));
      Thread.sleep(50);
    }
    // Killed once restic has locked the repository for the files: the lock a killed run leaves behind.
    Path locks = rest.data().resolve("locks");
    while (!Files.isDirectory(locks) || entries(locks).isEmpty()) {
      assertTrue(process.isAlive() && Instant.now().isBefore(deadline), Files.readString(log));
      Thread.sleep(20);
    }
    Thread.sleep(300);
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    assertTrue(tree.stream().anyMatch(p -> p.info().command().orElse("").endsWith("restic")), "restic was at work");
    String secret = java.util.regex.Pattern.compile("(?m)^    secret: (\\S+)$").matcher(Files.readString(env)).results()
        .findFirst().orElseThrow().group(1);
    for (ProcessHandle running : tree) {
      String argv = String.join(" ", running.info().arguments().orElse(new String[0]));
      assertFalse(argv.contains(secret) || argv.contains(rest.password()), "no secret on a command line: " + argv);
    }
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle killed : tree) {
      killed.onExit().get(30, TimeUnit.SECONDS);
    }
    assertFalse(Files.readString(log).contains("backup verified"), Files.readString(log));
    ApplianceCli.Result next = ApplianceCli.ok(a.run("backup"));
    assertTrue(next.out().contains("stale lock"), next.out());
    assertTrue(next.out().contains("backup verified"), next.out());
    Files.delete(big);
  }

  @Test
  @Order(5)
  void theDrillPassesOnAGoodRepository() throws Exception {
    ApplianceCli.Result drill = ApplianceCli.ok(a.run("restore-drill", "--now"));
    assertTrue(drill.out().contains("restore drill passed"), drill.out());
    assertTrue(drill.out().contains("row counts match"), drill.out());
    assertTrue(ApplianceCli.ok(a.run("status")).out().contains("  drill:     passed "));
    assertFalse(Files.exists(a.root.resolve("volatile/restore-drill")), "the drill removes what it made");
    assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(a.name + "-postgres-drill")).exec().isEmpty());
    a.assertServing();
  }

  @Test
  @Order(6)
  void aWrongSecretIsAClearErrorAndOverwritesNothing() throws Exception {
    byte[] config = Files.readAllBytes(rest.data().resolve("config"));
    ApplianceCli.ok(a.run("prepare-env", "--env", withSecret(java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(30)), "wrong-secret.yml").toString(), "--metadata-url", "none"));
    try {
      ApplianceCli.Result wrong = a.run("backup");
      assertEquals(1, wrong.code(), wrong.out());
      assertTrue(wrong.out().contains("does not open"), wrong.out());
      assertTrue(openAlerts().contains(BackupRun.FAILED_ALERT), openAlerts().toString());
      a.assertServing();
      org.junit.jupiter.api.Assertions.assertArrayEquals(config, Files.readAllBytes(rest.data().resolve("config")));
    } finally {
      ApplianceCli.ok(a.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    }
  }

  @Test
  @Order(7)
  void anUnreachableServerIsAClearErrorThenSftpWorks() throws Exception {
    Path sftpEnv = withUrl(sftp.url(work.resolve("sftp-repo")).toString(), "sftp.yml");
    ApplianceCli.ok(a.run("prepare-env", "--env", sftpEnv.toString(), "--metadata-url", "none"));
    try {
      sftp.stop();
      ApplianceCli.Result down = a.run("backup");
      assertEquals(1, down.code(), down.out());
      assertTrue(down.out().contains("backup failed: the backup repository " + sftp.url(work.resolve("sftp-repo"))), down.out());
      a.assertServing();
      sftp.restart();
      ApplianceCli.Result up = ApplianceCli.ok(a.run("backup"));
      assertTrue(up.out().contains("backup verified"), up.out());
      assertTrue(Files.isRegularFile(work.resolve("sftp-repo/config")));
      assertFalse(openAlerts().contains(BackupRun.FAILED_ALERT), "a verified run resolves the alert");
      ApplianceCli.ok(a.run("restore-drill", "--now"));
    } finally {
      ApplianceCli.ok(a.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    }
  }

  @Test
  @Order(8)
  void aFullTargetDiskIsRefusedBeforeAnythingIsWrittenAndALocalPathWorks() throws Exception {
    Path small = Files.createDirectories(a.root.resolve("volatile/small-repo"));
    new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString()).inheritIO().start().waitFor();
    try {
      assertTrue(Files.getFileStore(small).getTotalSpace() < 8 << 20, "a 4 MiB file system for the repository");
      Path fileEnv = withUrl("file:///volatile/small-repo", "small.yml");
      ApplianceCli.ok(a.run("prepare-env", "--env", fileEnv.toString(), "--metadata-url", "none"));
      ApplianceCli.Result full = a.run("backup");
      assertEquals(1, full.code(), full.out());
      try (Stream<Path> written = Files.list(small)) {
        assertEquals(List.of(), written.toList(), "nothing written: not even a new repository");
      }
      assertTrue(full.out().matches("(?s).*MiB free, and this backup needs about [0-9]+ MiB.*"), full.out());
      a.assertServing();
      // A repository on a local path with room: the env's default, file:///volatile/backup-test/.
      ApplianceCli.ok(a.run("prepare-env", "--env", withUrl("file:///volatile/backup-test/", "local.yml").toString(),
          "--metadata-url", "none"));
      assertTrue(ApplianceCli.ok(a.run("backup")).out().contains("backup verified"));
      assertTrue(Files.isRegularFile(a.root.resolve("volatile/backup-test/config")));
    } finally {
      new ProcessBuilder("umount", small.toString()).inheritIO().start().waitFor();
      ApplianceCli.ok(a.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    }
  }

  @Test
  @Order(9)
  void aDamagedPackFailsTheVerificationAndTheDrill() throws Exception {
    String verifiedBefore = BackupState.load(new dev.appliance.host.HostRoot(a.root)).lastVerified().orElseThrow().toString();
    try (Stream<Path> packs = Files.walk(rest.data().resolve("data"))) {
      for (Path pack : packs.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(pack);
        for (int i = 0; i < bytes.length; i += 97) {
          bytes[i] ^= 0x5a;
        }
        Files.write(pack, bytes);
      }
    }
    ApplianceCli.Result damaged = a.run("backup");
    assertEquals(1, damaged.code(), damaged.out());
    assertTrue(damaged.out().contains("the verification failed, so this backup does not count"), damaged.out());
    assertEquals(verifiedBefore, BackupState.load(new dev.appliance.host.HostRoot(a.root)).lastVerified().orElseThrow().toString());
    assertTrue(openAlerts().contains(BackupRun.FAILED_ALERT), openAlerts().toString());
    a.assertServing();
    ApplianceCli.Result drill = a.run("restore-drill", "--now");
    assertEquals(1, drill.code(), drill.out());
    assertTrue(openAlerts().contains(RestoreDrill.ALERT), openAlerts().toString());
    assertTrue(ApplianceCli.ok(a.run("status")).out().contains("  drill:     FAILED "));
  }
}
