package dev.appliance.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * boots under qemu with the env's cidata ISO attached, and serves the reference application over HTTPS through a
 * port forwarded to 127.0.0.1, from systemd's units alone; unattended-upgrades leaves Docker's packages alone, and
 * a restart of dockerd keeps the application serving (live-restore). Then a reboot keeps the data, and a crash-looping
 * service puts the appliance in the failed state (flag and 503) until the operator clears it.
 *
 * <p>{@code -Dvm.image=DIR} boots an image built before (vm/build-standin) instead of building one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootedApplianceIT {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final Path WORK = TARGET.resolve("vm-run");

  private static Qemu vm;
  private static GuestShell guest;
  private static int httpsPort;
  private static String documentId;

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
    Path key = WORK.resolve("id_ed25519");
    Files.deleteIfExists(key);
    Files.deleteIfExists(WORK.resolve("id_ed25519.pub"));
    run(Duration.ofMinutes(1), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "vm-test", "-f", key.toString());
    Path seed = seedIso(Files.readString(WORK.resolve("id_ed25519.pub")).strip());
    httpsPort = freePort();
    int sshPort = freePort();
    guest = new GuestShell(key, sshPort, "debian");
    Instant started = Instant.now();
    vm = Qemu.boot(image, WORK, seed, Map.of(httpsPort, 443, sshPort, 22));
    Duration bootToServing = awaitServing(started, Duration.ofMinutes(20));
    System.out.println("vm: boot to serving " + bootToServing.toSeconds() + " s");
    Files.writeString(TARGET.resolve("vm-timings.properties"), "boot_to_serving_s=" + bootToServing.toSeconds() + "\n");
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

  /** env-new for localhost with the test's SSH key, and env-build's cidata ISO of it. */
  private static Path seedIso(String publicKey) throws Exception {
    Path envDir = WORK.resolve("env");
    if (Files.exists(envDir)) {
      try (var files = Files.walk(envDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Path extra = WORK.resolve("extra.yml");
    Files.writeString(extra, "ssh_authorized_keys:\n  - " + publicKey + "\n");
    run(Duration.ofMinutes(2), REPO.resolve("bin/env-new").toString(), "--extra", extra.toString(), "localhost", envDir.toString());
    run(Duration.ofMinutes(2), REPO.resolve("bin/env-build").toString(), envDir.resolve("env.yml").toString());
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
    assertTrue(ssh.contains("permitrootlogin no"), ssh);
    assertTrue(ssh.contains("passwordauthentication no"), ssh);
    // Host metrics stay on the machine: the node exporter listens on 127.0.0.1 alone; Prometheus is off by default.
    String metrics = guest.run("ss -Htln 'sport = :9100'; systemctl is-enabled prometheus; systemctl is-active prometheus",
        Duration.ofMinutes(1)).out();
    assertEquals(List.of("127.0.0.1:9100", "disabled", "inactive"), metrics.lines()
        .map(l -> l.contains(":9100") ? l.trim().split("\\s+")[3] : l.trim()).toList(), metrics);
    assertUnattendedUpgradesLeaveDockerAlone();
    assertServesThroughARestartOfDocker();
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

  @Test
  @Order(3)
  void servesAgainAfterARebootWithItsDataKept() throws Exception {
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
  }

  @Test
  @Order(4)
  void aCrashLoopingServiceMakesTheApplianceFailedUntilCleared() throws Exception {
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

    // The operator's way out, as the README gives it.
    GuestShell.Result cleared = guest.run("sudo appliance clear-failed && sudo systemctl start --no-block appliance",
        Duration.ofMinutes(2));
    assertEquals(0, cleared.code(), cleared.out());
    assertEquals(200, awaitStatus(200, Duration.ofMinutes(8)).statusCode());
    assertDocumentKept();
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
