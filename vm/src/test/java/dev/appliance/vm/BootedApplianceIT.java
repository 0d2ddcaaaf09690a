package dev.appliance.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.containers.HttpsProbe;
import java.io.IOException;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The image recipe, proven end to end: the Debian stand-in for the Packer image, provisioned by packer/provision.sh,
 * boots under qemu with the env's cidata ISO attached. The env puts /data on an encrypted third disk, which the first
 * boot finds empty: prepare-appliance fails, the operator runs {@code appliance storage setup} and clears the failure,
 * and the reference application is served over HTTPS through a port forwarded to 127.0.0.1, from systemd's units
 * alone. The env's two operators log in with their keys (never a password, never as root), one with full sudo, one
 * with the appliance's recovery commands only, and each login reaches a Sentry stand-in on the host as an info alert;
 * SSH answers only through the second network card, whose subnet the firewall allows, while HTTPS answers through
 * the first. unattended-upgrades leaves Docker's packages alone, and a restart of dockerd keeps the application
 * serving (live-restore). A reboot with a changed env keeps the data (the raw disk shows none of it in plain text),
 * locks out the operator it marks absent and lets SSH in where it now says; then a crash-looping service puts the
 * appliance in the failed state (flag and 503).
 *
 * <p>{@code -Dvm.image=DIR} boots an image built before (vm/build-standin) instead of building one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootedApplianceIT {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path WORK = TARGET.resolve("vm-run");

  /** The second card's subnet: the only one the env's firewall lets reach SSH. */
  private static final String OPERATORS_SUBNET = "10.0.3.0/24";
  /** Where the guest reaches the Sentry stand-in: a guestfwd of the first card. */
  private static final String SENTRY_ADDRESS = "10.0.2.100:9000";
  private static final String DATA_DISK = "/dev/vdc";

  private static Qemu vm;
  /** The image's default user through the second card, the operators' subnet. */
  private static GuestShell guest;
  /** The default user through the first card, whose subnet may not reach SSH. */
  private static GuestShell outside;
  private static GuestShell alice;
  private static GuestShell bob;
  private static int httpsPort;
  private static String documentId;
  private static Path envFile;
  private static Path dataDisk;
  private static Path sentryLog;

  @RegisterExtension
  static final TestWatcher DIAGNOSTICS = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      System.out.println(diagnostics());
    }
  };

  @BeforeAll
  static void bootTheImage() throws Exception {
    Path image = System.getProperty("vm.image", "").isEmpty() ? buildImage() : Path.of(System.getProperty("vm.image"));
    Files.createDirectories(WORK);
    Path key = sshKey("id_ed25519");
    Path aliceKey = sshKey("alice_ed25519");
    Path bobKey = sshKey("bob_ed25519");
    Path seed = seedIso(publicKey(key), publicKey(aliceKey), publicKey(bobKey));
    dataDisk = WORK.resolve("data-disk.raw");
    Files.deleteIfExists(dataDisk);
    try (var file = new java.io.RandomAccessFile(dataDisk.toFile(), "rw")) {
      file.setLength(3L << 30);
    }
    sentryLog = WORK.resolve("sentry.log");
    Files.deleteIfExists(sentryLog);
    Files.createFile(sentryLog);
    httpsPort = freePort();
    int sshPort = freePort();
    int operatorsSshPort = freePort();
    guest = new GuestShell(key, operatorsSshPort, "debian");
    outside = new GuestShell(key, sshPort, "debian");
    alice = new GuestShell(aliceKey, operatorsSshPort, "alice");
    bob = new GuestShell(bobKey, operatorsSshPort, "bob");
    Instant started = Instant.now();
    vm = Qemu.boot(image, WORK, seed, List.of(dataDisk), List.of(
        new Qemu.Network("10.0.2.0/24", Map.of(httpsPort, 443, sshPort, 22),
            Map.of(SENTRY_ADDRESS, REPO.resolve("vm/sentry-standin") + " " + sentryLog)),
        new Qemu.Network(OPERATORS_SUBNET, Map.of(operatorsSshPort, 22), Map.of())));
    Duration toSetup = awaitStorageSetupAsked(Duration.ofMinutes(15));
    System.out.println("vm: boot to 'appliance storage setup' asked " + toSetup.toSeconds() + " s");
    Instant setup = Instant.now();
    GuestShell.Result formatted = guest.run("sudo appliance storage setup " + DATA_DISK + " --data", Duration.ofMinutes(5));
    assertEquals(0, formatted.code(), formatted.out());
    System.out.println("vm: storage setup " + Duration.between(setup, Instant.now()).toSeconds() + " s");
    Instant cleared = Instant.now();
    GuestShell.Result start = guest.run("sudo appliance clear-failed && sudo systemctl start --no-block appliance",
        Duration.ofMinutes(2));
    assertEquals(0, start.code(), start.out());
    Duration clearedToServing = awaitServing(cleared, Duration.ofMinutes(15));
    Duration bootToServing = Duration.between(started, Instant.now());
    System.out.println("vm: boot to serving " + bootToServing.toSeconds() + " s (cleared to serving "
        + clearedToServing.toSeconds() + " s)");
    Files.writeString(TARGET.resolve("vm-timings.properties"), "boot_to_serving_s=" + bootToServing.toSeconds() + "\n"
        + "cleared_to_serving_s=" + clearedToServing.toSeconds() + "\n");
  }

  /**
   * The first boot finds the env's encrypted data disk empty: prepare-appliance fails and names the command. The
   * failure must be that one, and must have changed nothing on the disk.
   */
  private static Duration awaitStorageSetupAsked(Duration within) throws Exception {
    Instant started = Instant.now();
    GuestShell.Result failed = guest.awaitSuccess("test -e /run/appliance-failed", within);
    assertEquals(0, failed.code(), "the first boot did not stop at the empty data disk:\n" + diagnostics());
    String journal = guest.run("sudo journalctl -b -o cat -u prepare-appliance", Duration.ofMinutes(1)).out();
    assertTrue(journal.contains("appliance storage setup " + DATA_DISK), journal);
    assertEquals(0, guest.run("! sudo blkid -p " + DATA_DISK, Duration.ofMinutes(1)).code(), "the empty disk was written");
    // Host access comes before the disks: the firewall is in force although prepare-appliance failed.
    assertNotEquals(0, outside.reach(Duration.ofSeconds(15)).code(), "SSH answers outside firewall/ssh_from");
    return Duration.between(started, Instant.now());
  }

  private static Path sshKey(String name) throws Exception {
    Path key = WORK.resolve(name);
    Files.deleteIfExists(key);
    Files.deleteIfExists(WORK.resolve(name + ".pub"));
    run(Duration.ofMinutes(1), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString());
    return key;
  }

  private static String publicKey(Path key) throws IOException {
    return Files.readString(Path.of(key + ".pub")).strip();
  }

  @AfterAll
  static void stopTheMachine() {
    if (vm != null) {
      vm.close();
    }
  }

  /** packer/payload, then vm/build-standin: the same provisioning script as the Packer image. */
  private static Path buildImage() throws Exception {
    Path payload = TARGET.resolve("payload");
    Path image = TARGET.resolve("image");
    run(Duration.ofMinutes(10), REPO.resolve("packer/payload").toString(), payload.toString());
    run(Duration.ofMinutes(25), REPO.resolve("vm/build-standin").toString(), payload.toString(), image.toString());
    return image;
  }

  /**
   * env-new (qa: the env has no backup target nor certificate of its own) for localhost with the test's SSH key for
   * the image's default user, two operators, /data on the encrypted third disk, SSH only from the second card's
   * subnet, and alerts to the Sentry stand-in; and env-build's cidata ISO of it.
   */
  private static Path seedIso(String defaultUserKey, String aliceKey, String bobKey) throws Exception {
    Path envDir = WORK.resolve("env");
    if (Files.exists(envDir)) {
      try (var files = Files.walk(envDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Path extra = WORK.resolve("extra.yml");
    Files.writeString(extra, String.join("\n", "ssh_authorized_keys:", "  - " + defaultUserKey,
        "appliance:",
        "  storage:", "    data:", "      ignore: false", "      encrypted: true", "      device: " + DATA_DISK,
        "  users:",
        "    - name: alice", "      sudo: true", "      ssh_authorized_keys:", "        - " + aliceKey,
        "    - name: bob", "      ssh_authorized_keys:", "        - " + bobKey,
        "  firewall:", "    ssh_from:", "      - " + OPERATORS_SUBNET,
        "  alert:", "    sentry_dsn: http://0123456789abcdef0123456789abcdef@" + SENTRY_ADDRESS + "/1", ""));
    run(Duration.ofMinutes(2), REPO.resolve("bin/env-new").toString(), "--extra", extra.toString(),
        "--environment", "qa", "localhost", envDir.toString());
    envFile = envDir.resolve("env.yml");
    run(Duration.ofMinutes(2), REPO.resolve("bin/env-build").toString(), envFile.toString());
    return envDir.resolve("env-cidata.iso");
  }

  @Test
  @Order(1)
  void servesTheApplicationOverHttpsThroughTheForward() throws Exception {
    HttpResponse<String> health = https("GET", "/healthz", null);
    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.headers().firstValue("strict-transport-security").orElse("").contains("max-age="));
    HttpResponse<String> stored = https("POST", "/documents?name=kept.txt", "kept across a reboot");
    assertEquals(201, stored.statusCode(), stored.body());
    documentId = stored.body().replaceAll("\\D", "");
    assertDocumentKept();
  }

  @Test
  @Order(2)
  void systemdRunsTheApplianceWithTheEnvFromTheCidataDrive() throws Exception {
    GuestShell.Result login = guest.awaitSuccess("true", Duration.ofMinutes(3));
    assertEquals(0, login.code(), "no SSH login with the env's key: " + login.out());
    assertEquals("active", guest.run("systemctl is-active appliance", Duration.ofMinutes(1)).out());
    String header = guest.run("sudo head -2 /run/active-env.yml", Duration.ofMinutes(1)).out();
    assertTrue(header.contains("# appliance: active env from cidata drive"), header);
    // The images were loaded when the image was provisioned: the first boot found them all, and loaded, pulled and
    // built nothing.
    GuestShell.Result images = guest.run("sudo docker image inspect --format '{{.Id}}' appliance/front:1 appliance/postgres:15"
        + " appliance/redis:7 appliance/reference-app:2", Duration.ofMinutes(1));
    assertEquals(0, images.code(), images.out());
    String journal = guest.run("sudo journalctl -b -o cat -u prepare-appliance -u prepare-app", Duration.ofMinutes(1)).out();
    for (String work : List.of("loading the images baked", ": pulling", ": building from")) {
      assertFalse(journal.contains(work), "the first boot should find the images, but: " + work + "\n" + journal);
    }
    String ssh = guest.run("sudo sshd -T", Duration.ofMinutes(1)).out();
    for (String policy : List.of("permitrootlogin no", "passwordauthentication no", "kbdinteractiveauthentication no",
        "maxauthtries 3")) {
      assertTrue(ssh.lines().anyMatch(policy::equals), policy + "\n" + ssh);
    }
    // Host metrics stay on the machine: the node exporter listens on 127.0.0.1 alone; Prometheus is off by default.
    String metrics = guest.run("ss -Htln 'sport = :9100'; systemctl is-enabled prometheus; systemctl is-active prometheus",
        Duration.ofMinutes(1)).out();
    assertEquals(List.of("127.0.0.1:9100", "disabled", "inactive"), metrics.lines()
        .map(l -> l.contains(":9100") ? l.trim().split("\\s+")[3] : l.trim()).toList(), metrics);
    assertUnattendedUpgradesLeaveDockerAlone();
    assertServesThroughARestartOfDocker();
  }

  @Test
  @Order(3)
  void operatorsLogInWithTheirKeysOnlyAndEachLoginIsAnAlert() throws Exception {
    GuestShell.Result full = alice.run("sudo -n true && id -nG", Duration.ofMinutes(1));
    assertEquals(0, full.code(), "alice (sudo: true) has no full sudo: " + full.out());
    assertTrue(full.out().contains("appliance-operators"), full.out());
    GuestShell.Result status = bob.run("sudo -n appliance status", Duration.ofMinutes(2));
    assertEquals(0, status.code(), "bob may run appliance status: " + status.out());
    GuestShell.Result shell = bob.run("sudo -n bash -c 'id -u'", Duration.ofMinutes(1));
    assertNotEquals(0, shell.code(), "bob (sudo: false) became root: " + shell.out());
    assertFalse(shell.out().strip().equals("0"), shell.out());
    for (GuestShell operator : List.of(alice, bob)) {
      GuestShell.Result password = operator.withoutKeys(Duration.ofMinutes(1));
      assertNotEquals(0, password.code(), password.out());
      assertTrue(password.out().contains("Permission denied (publickey)"), "methods other than keys: " + password.out());
    }
    // cloud-init gives root the default user's key behind a command that refuses; sshd must refuse before that.
    GuestShell.Result root = guest.as("root").run("id -u", Duration.ofMinutes(1));
    assertNotEquals(0, root.code(), "root logged in: " + root.out());
    assertTrue(root.out().contains("Permission denied (publickey)"), "sshd let root in: " + root.out());

    // The firewall: SSH from the first card's subnet is dropped, HTTPS through it still answers.
    GuestShell.Result dropped = outside.reach(Duration.ofSeconds(15));
    assertNotEquals(0, dropped.code(), "SSH answered from outside firewall/ssh_from: " + dropped.out());
    assertEquals(200, https("GET", "/healthz", null).statusCode());
    String table = guest.run("sudo nft list table inet appliance", Duration.ofMinutes(1)).out();
    assertTrue(table.contains("10.0.3.0/24"), table);

    // Every login reached the Sentry stand-in as an info alert naming the user, the address and the key.
    String fingerprint = output(Duration.ofMinutes(1), "ssh-keygen", "-l", "-f", WORK.resolve("alice_ed25519.pub").toString())
        .split("\\s+")[1];
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (!Files.readString(sentryLog).lines().anyMatch(l -> l.contains(fingerprint) && l.contains("alice"))) {
      assertTrue(Instant.now().isBefore(deadline), "no alert of alice's login (" + fingerprint + ") reached Sentry:\n"
          + Files.readString(sentryLog) + "\n" + guest.run("sudo journalctl -b -o cat -u appliance-ssh-logins | tail -n 30",
          Duration.ofMinutes(1)).out());
      Thread.sleep(3000);
    }
    String event = Files.readString(sentryLog).lines().filter(l -> l.contains(fingerprint)).findFirst().orElseThrow();
    assertTrue(event.contains("\"level\":\"info\""), event);
    assertTrue(event.contains("10.0.3.2"), "the source address: " + event);
  }

  /** Security origins only, and Docker's packages blacklisted: 'appliance update --os' upgrades those. */
  private static void assertUnattendedUpgradesLeaveDockerAlone() throws Exception {
    String debug = guest.run("sudo unattended-upgrades --dry-run --debug 2>&1 | grep -E"
        + " '^(Allowed origins are|Initial blacklist|Packages that will be upgraded):'", Duration.ofMinutes(2)).out();
    assertTrue(debug.contains("Initial blacklist: ^docker\\.io$ ^containerd$ ^runc$"), debug);
    String origins = debug.lines().filter(l -> l.startsWith("Allowed origins are: ")).findFirst().orElse("");
    assertFalse(origins.isEmpty(), debug);
    for (String origin : origins.substring("Allowed origins are: ".length()).split(", ")) {
      assertTrue(origin.contains("-security"), "not a security origin: " + origin + "\n" + debug);
    }
    List<String> upgraded = debug.lines().filter(l -> l.startsWith("Packages that will be upgraded:"))
        .flatMap(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).stream()).toList();
    for (String held : List.of("docker.io", "containerd", "runc")) {
      assertFalse(upgraded.contains(held), held + " would be upgraded unattended: " + debug);
    }
  }

  /** live-restore: the containers keep running while dockerd restarts, and the front answers through it. */
  private static void assertServesThroughARestartOfDocker() throws Exception {
    String startedAt = "sudo docker inspect --format '{{.State.StartedAt}}' reference-web";
    String before = guest.run(startedAt, Duration.ofMinutes(1)).out();
    GuestShell.Result restart = guest.run("sudo systemctl restart docker", Duration.ofMinutes(2));
    assertEquals(0, restart.code(), restart.out());
    Instant restarted = Instant.now();
    awaitStatus(200, Duration.ofSeconds(10));
    System.out.println("vm: serving " + Duration.between(restarted, Instant.now()).toMillis() + " ms after docker restarted");
    assertEquals(before, guest.run(startedAt, Duration.ofMinutes(1)).out(), "the web container was restarted");
    assertEquals(1, guest.run("test -e /run/appliance-failed", Duration.ofMinutes(1)).code(), "the appliance failed");
  }

  /**
   * A changed env in /app/env.yml (bob marked absent, the first card's subnet added to the SSH sources), then a
   * reboot: the data is back from the encrypted disk, bob is locked out with his home kept, and the new rule set is
   * in force (SSH answers through the first card too). One boot serves both, as the VM test's time is short. (A rule
   * set that nft refuses cannot come from an env that passes env-check; FirewallIT loads one in a network namespace.)
   */
  @Test
  @Order(4)
  void servesAgainAfterARebootWithItsDataKeptEncryptedAndTheChangedEnvApplied() throws Exception {
    String marker = "plain-" + java.util.UUID.randomUUID() + ".txt";
    assertEquals(201, https("POST", "/documents?name=" + marker, "a document whose name is its marker").statusCode());
    String env = Files.readString(envFile);
    String changed = env.replace("    - name: bob\n", "    - name: bob\n      state: absent\n")
        .replace("      - " + OPERATORS_SUBNET + "\n", "      - " + OPERATORS_SUBNET + "\n      - 10.0.2.0/24\n");
    assertEquals(env.length() + "      state: absent\n      - 10.0.2.0/24\n".length(), changed.length(), changed);
    GuestShell.Result pushed = guest.run("sudo install -m 0600 /dev/stdin /app/env.yml <<'ENV'\n" + changed + "ENV\n",
        Duration.ofMinutes(2));
    assertEquals(0, pushed.code(), pushed.out());
    guest.run("sudo systemctl reboot", Duration.ofMinutes(1));
    Instant rebooted = Instant.now();
    Instant deadline = rebooted.plus(Duration.ofMinutes(5));
    while (countOf(vm.serial(), "Linux version") < 2) {
      assertTrue(Instant.now().isBefore(deadline), "the guest did not boot again:\n" + vm.serialTail(40));
      Thread.sleep(2000);
    }
    Duration rebootToServing = awaitServing(rebooted, Duration.ofMinutes(10));
    System.out.println("vm: reboot to serving " + rebootToServing.toSeconds() + " s");
    Files.writeString(TARGET.resolve("vm-timings.properties"), "reboot_to_serving_s=" + rebootToServing.toSeconds() + "\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertDocumentKept();

    // /data is the opened LUKS volume; its files hold the name in plain text, the disk under it does not.
    assertTrue(guest.run("findmnt -no SOURCE /data", Duration.ofMinutes(1)).out().startsWith("/dev/mapper/"));
    GuestShell.Result plain = guest.run("sudo grep -rlF " + marker + " /data/postgresql && sync", Duration.ofMinutes(3));
    assertEquals(0, plain.code(), "the marker is not in the database's files, so the raw check proves nothing: " + plain.out());
    assertFalse(contains(dataDisk, marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        "the raw disk holds the document's name in plain text");

    GuestShell.Result opened = outside.awaitSuccess("true", Duration.ofMinutes(2));
    assertEquals(0, opened.code(), "SSH through the first card after the change: " + opened.out());
    GuestShell.Result locked = bob.run("true", Duration.ofMinutes(1));
    assertNotEquals(0, locked.code(), "bob, absent, still logs in: " + locked.out());
    assertEquals(0, guest.run("test -d /home/bob && test -e /etc/ssh/authorized_keys/alice"
        + " && ! test -e /etc/ssh/authorized_keys/bob && sudo test -e /etc/sudoers.d/appliance-alice"
        + " && ! sudo test -e /etc/sudoers.d/appliance-bob", Duration.ofMinutes(1)).code(), "bob's home kept, keys and rule gone");
    assertEquals(0, alice.run("sudo -n true", Duration.ofMinutes(1)).code(), "alice was locked out too");
    assertEquals(0, guest.run("sudo cmp /var/lib/appliance/firewall.nft /run/appliance/firewall/loaded.nft",
        Duration.ofMinutes(1)).code(), "the next boot would load another rule set than the one in force");
  }

  /** Whether {@code file} holds {@code bytes}, read in blocks with an overlap so no match falls between two. */
  private static boolean contains(Path file, byte[] bytes) throws IOException {
    byte[] block = new byte[1 << 20];
    byte[] carry = new byte[0];
    try (var in = Files.newInputStream(file)) {
      for (int n = in.readNBytes(block, 0, block.length); n > 0; n = in.readNBytes(block, 0, block.length)) {
        byte[] window = new byte[carry.length + n];
        System.arraycopy(carry, 0, window, 0, carry.length);
        System.arraycopy(block, 0, window, carry.length, n);
        if (indexOf(window, bytes) >= 0) {
          return true;
        }
        carry = java.util.Arrays.copyOfRange(window, Math.max(0, window.length - bytes.length + 1), window.length);
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  @Order(5)
  void aCrashLoopingServiceMakesTheApplianceFailed() throws Exception {
    // Kills the worker whenever the supervisor has restarted it: more than 5 restarts in 5 minutes is a crash loop.
    GuestShell.Result loop = guest.run("sudo sh -c 'for i in $(seq 150); do test -e /run/appliance-failed && exit 0;"
        + " docker kill reference-worker >/dev/null 2>&1; sleep 2; done; exit 1'", Duration.ofMinutes(6));
    assertEquals(0, loop.code(), "no failed state after killing the worker repeatedly: " + loop.out());
    HttpResponse<String> page = awaitStatus(503, Duration.ofMinutes(2));
    assertTrue(page.body().contains("failed"), page.body());
    GuestShell.Result unit = guest.awaitSuccess("test \"$(systemctl is-active appliance)\" = failed", Duration.ofMinutes(2));
    assertEquals(0, unit.code(), guest.run("systemctl status appliance --no-pager", Duration.ofMinutes(1)).out());
    String flag = guest.run("cat /run/appliance-failed", Duration.ofMinutes(1)).out();
    assertTrue(flag.contains("worker"), flag);
  }

  private static void assertDocumentKept() throws Exception {
    HttpResponse<String> content = https("GET", "/documents/" + documentId, null);
    assertEquals(200, content.statusCode(), content.body());
    assertEquals("kept across a reboot", content.body());
  }

  /** Polls /healthz through the forward until it answers 200; the time since {@code since}. */
  private static Duration awaitServing(Instant since, Duration within) throws Exception {
    awaitStatus(200, within, true);
    return Duration.between(since, Instant.now());
  }

  private static HttpResponse<String> awaitStatus(int status, Duration within) throws Exception {
    return awaitStatus(status, within, false);
  }

  /** With {@code failFast}, the failure page ends the wait at once (on a boot; a recovery still shows it a while). */
  private static HttpResponse<String> awaitStatus(int status, Duration within, boolean failFast) throws Exception {
    Instant deadline = Instant.now().plus(within);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      assertTrue(vm.alive(), "qemu ended:\n" + vm.serialTail(60));
      try {
        HttpResponse<String> response = https("GET", "/healthz", null);
        if (response.statusCode() == status) {
          return response;
        }
        if (failFast && response.body().contains("The appliance has failed")) {
          throw new AssertionError("the appliance failed instead of serving:\n" + response.body() + "\n" + diagnostics());
        }
        last = "status " + response.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(3000);
    }
    throw new AssertionError("no status " + status + " from https://localhost:" + httpsPort + "/healthz within " + within
        + " (last: " + last + ")\n" + diagnostics());
  }

  static HttpResponse<String> https(String method, String path, String body) throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(HttpsProbe.trustingContext())
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
        .timeout(Duration.ofSeconds(20));
    request = body == null ? request.GET() : request.method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "text/plain");
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The serial console's end, and the appliance's journal if SSH answers: what a failure message needs. */
  private static String diagnostics() {
    StringBuilder text = new StringBuilder();
    try {
      text.append("--- serial console (end)\n").append(vm == null ? "" : vm.serialTail(60)).append('\n');
      if (guest != null) {
        text.append("--- journal of the appliance's units\n").append(guest.run("sudo journalctl -b --no-pager -o short-monotonic"
            + " -u prepare-env -u prepare-appliance -u prepare-app -u appliance -u 'appliance-failed@*' | tail -n 120",
            Duration.ofMinutes(2)).out());
      }
    } catch (IOException | InterruptedException e) {
      text.append("(diagnostics incomplete: ").append(e).append(")");
    }
    return text.toString();
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** What a command printed; fails unless it exits 0 within {@code timeout}. */
  private static String output(Duration timeout, String... command) throws Exception {
    Process process = new ProcessBuilder(List.of(command)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
    assertEquals(0, process.exitValue(), String.join(" ", command) + " failed");
    return out;
  }

  /** Runs a command with its output in the test log; fails unless it exits 0 within {@code timeout}. */
  private static void run(Duration timeout, String... command) throws Exception {
    Process process = new ProcessBuilder(List.of(command)).inheritIO().start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
    }
    assertEquals(0, process.exitValue(), String.join(" ", command) + " failed");
  }
}
