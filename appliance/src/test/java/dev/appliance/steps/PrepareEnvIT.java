package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.EnvBuildCommand;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prepare-env against every source, with real drives: the cidata ISO that env-build makes, a config-2 ISO made by
 * xorriso, and a metadata service on this machine.
 */
class PrepareEnvIT {

  @TempDir
  static Path work;
  static Path env;
  static Path stack;

  @TempDir
  Path root;
  ApplianceCli appliance;

  @BeforeAll
  static void envs() throws IOException {
    env = TestEnvs.localhost(work.resolve("env"));
    stack = TestEnvs.stack(work.resolve("stack"), "prepareenvit");
  }

  @BeforeEach
  void cli() {
    appliance = new ApplianceCli(root, stack, 1, 2);
  }

  private Path activeEnv() {
    return root.resolve("run/active-env.yml");
  }

  private String maintenancePage() throws IOException {
    return Files.readString(root.resolve("app/etc/front/maintenance.html"));
  }

  @Test
  void explicitFileWinsAndIsWrittenPrivately() throws IOException {
    Files.createDirectories(root.resolve("app"));
    Files.writeString(root.resolve("app/env.yml"), "not used");
    ApplianceCli.Result result = appliance.run("prepare-env", "--env", env.toString(), "--metadata-url", "none");
    assertEquals(0, result.code(), result.out() + result.err());
    String active = Files.readString(activeEnv());
    assertTrue(active.startsWith("#cloud-config\n# appliance: active env from file " + env), active.lines().limit(2).toList().toString());
    assertTrue(active.endsWith(Files.readString(env).substring("#cloud-config\n".length())));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(activeEnv())));
  }

  @Test
  void localFileWhenNoneIsGiven() throws IOException {
    Files.createDirectories(root.resolve("app"));
    Files.copy(env, root.resolve("app/env.yml"));
    ApplianceCli.Result result = appliance.run("prepare-env", "--metadata-url", "none");
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(Files.readString(activeEnv()).contains("active env from local file " + root.resolve("app/env.yml")));
  }

  @Test
  void cidataIsoFromEnvBuild() throws IOException {
    Path out = root.resolve("build");
    StringWriter log = new StringWriter();
    assertEquals(0, Cli.run(new EnvBuildCommand(), new PrintWriter(log), new PrintWriter(log), env.toString(), "--out",
        out.toString()), log.toString());
    drive("cidata", out.resolve("env-cidata.iso"));
    ApplianceCli.Result result = appliance.run("prepare-env", "--metadata-url", "none");
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(Files.readString(activeEnv()).contains("active env from cidata drive"), result.out());
    assertTrue(Files.readString(activeEnv()).endsWith(Files.readString(env).substring("#cloud-config\n".length())));
  }

  @Test
  void cidataWithoutUserDataIsNotFoundAndConfigDriveIsNext() throws Exception {
    drive("cidata", iso("cidata", List.of("meta-data"), "instance-id: x\n"));
    drive("config-2", iso("config-2", List.of("openstack", "latest", "user_data"), Files.readString(env)));
    ApplianceCli.Result result = appliance.run("prepare-env", "--metadata-url", "none");
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(result.out().contains("no env: cidata drive"), result.out());
    assertTrue(Files.readString(activeEnv()).contains("active env from config-2 drive"));
  }

  @Test
  void metadataServiceAndAnAnswerThatIsNoEnv() throws IOException {
    byte[] envBytes = Files.readAllBytes(env);
    byte[][] answer = {envBytes};
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/latest/user-data", exchange -> {
      exchange.sendResponseHeaders(200, answer[0].length);
      exchange.getResponseBody().write(answer[0]);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort();
      ApplianceCli.Result found = appliance.run("prepare-env", "--metadata-url", url);
      assertEquals(0, found.code(), found.out() + found.err());
      assertTrue(Files.readString(activeEnv()).contains("active env from metadata service " + url + "/latest/user-data"));

      Files.delete(activeEnv());
      answer[0] = "#cloud-config\npackages: [nginx]\n".getBytes(StandardCharsets.UTF_8);
      ApplianceCli.Result notEnv = appliance.run("prepare-env", "--metadata-url", url);
      assertEquals(2, notEnv.code(), notEnv.out() + notEnv.err());
      assertTrue(notEnv.err().contains("no env found"), notEnv.err());
      assertFalse(Files.exists(activeEnv()));
      assertTrue(maintenancePage().contains("Not configured"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void invalidEnvKeepsThePreviousActiveEnv() throws IOException {
    assertEquals(0, appliance.run("prepare-env", "--env", env.toString(), "--metadata-url", "none").code());
    byte[] before = Files.readAllBytes(activeEnv());
    Path invalid = Files.writeString(root.resolve("invalid.yml"),
        Files.readString(env).replaceFirst("(?m)^  domain: localhost$", "  domain: not a domain"));
    ApplianceCli.Result result = appliance.run("prepare-env", "--env", invalid.toString(), "--metadata-url", "none");
    assertEquals(2, result.code(), result.out() + result.err());
    assertTrue(result.out().contains(invalid + ":"), "located errors: " + result.out());
    assertTrue(result.err().contains("the active env was left as it was"), result.err());
    assertArrayEquals(before, Files.readAllBytes(activeEnv()));
    assertTrue(maintenancePage().contains("Configuration invalid"));
  }

  @Test
  void standbyShowsItsPageAndStopsTheChainWithoutFailing() throws IOException {
    Path standby = TestEnvs.standby(env, root.resolve("standby.yml"));
    ApplianceCli.Result result = appliance.run("prepare-env", "--env", standby.toString(), "--metadata-url", "none");
    assertEquals(0, result.code(), result.out() + result.err());
    assertTrue(maintenancePage().contains("Standby"));
    ApplianceCli.Result app = appliance.run("prepare-app");
    assertEquals(0, app.code(), app.out() + app.err());
    assertTrue(app.out().contains("standby: nothing to prepare"), app.out());
    ApplianceCli.Result run = appliance.run("run");
    assertEquals(0, run.code(), run.out() + run.err());
    assertTrue(run.out().contains("standby"), run.out());
    assertFalse(Files.exists(root.resolve("run/appliance-failed")));
  }

  @Test
  void everyStepRefusesWhileFailedUntilCleared() throws IOException {
    ApplianceCli.Result failed = appliance.run("failed", "prepare-app.service");
    assertEquals(0, failed.code(), failed.out() + failed.err());
    assertTrue(Files.readString(root.resolve("run/appliance-failed")).contains("prepare-app.service failed"));
    // No active env to allow details: visitors read that the service is down, not why, nor the recovery command.
    assertTrue(maintenancePage().contains("unavailable since"), maintenancePage());
    assertFalse(maintenancePage().contains("prepare-app.service") || maintenancePage().contains("clear-failed"), maintenancePage());
    for (String step : List.of("prepare-env", "prepare-appliance", "prepare-app", "run")) {
      ApplianceCli.Result refused = appliance.run(step);
      assertEquals(1, refused.code(), step + ": " + refused.out() + refused.err());
      assertTrue(refused.err().contains("failed state") && refused.err().contains("clear-failed"), refused.err());
    }
    ApplianceCli.Result status = appliance.run("status");
    assertEquals(1, status.code());
    assertTrue(status.out().contains("FAILED: ") && status.out().contains("prepare-app.service failed"), status.out());
    assertEquals(0, appliance.run("clear-failed").code());
    assertFalse(Files.exists(root.resolve("run/appliance-failed")));
    assertEquals(0, appliance.run("prepare-env", "--env", env.toString(), "--metadata-url", "none").code());
  }

  @Test
  void anActiveEnvChangedByHandIsValidatedAgain() throws IOException {
    assertEquals(0, appliance.run("prepare-env", "--env", env.toString(), "--metadata-url", "none").code());
    Files.writeString(activeEnv(), Files.readString(activeEnv()).replaceFirst("(?m)^  domain: localhost$", "  domain: bad domain"));
    java.util.regex.Pattern located = java.util.regex.Pattern.compile("active-env\\.yml:\\d+:\\d+: appliance/domain: ");
    for (String step : List.of("prepare-appliance", "run")) {
      ApplianceCli.Result result = appliance.run(step);
      assertEquals(2, result.code(), step + ": " + result.out() + result.err());
      assertTrue(result.err().contains("changed since prepare-env checked it"), result.err());
      assertTrue(located.matcher(result.err()).find(), step + " gives the position: " + result.err());
    }
    ApplianceCli.Result status = appliance.run("status");
    assertEquals(1, status.code(), status.out() + status.err());
    assertTrue(status.out().startsWith("state:       INVALID ENV"), status.out());
    assertTrue(located.matcher(status.out()).find(), "status gives the position: " + status.out());
  }

  @Test
  void freeSpaceGateRefusesToGoOn() throws IOException {
    assertEquals(0, appliance.run("prepare-env", "--env", env.toString(), "--metadata-url", "none").code());
    ApplianceCli.Result result = new ApplianceCli(root, stack, 1, 2, Long.MAX_VALUE / (1024 * 1024)).run("prepare-appliance");
    assertEquals(1, result.code(), result.out() + result.err());
    assertTrue(result.err().contains(root.resolve("data") + " has ") && result.err().contains("MiB free, less than"), result.err());
    assertFalse(Files.exists(root.resolve("data/tls/server.key")), "nothing after the gate ran");
  }

  @Test
  void storageByLabelThatIsMissingSaysHowToGoOn() throws IOException {
    Path labelled = Files.writeString(root.resolve("labelled.yml"),
        Files.readString(env).replaceFirst("(?m)^      ignore: true$", "      ignore: false"));
    assertEquals(0, appliance.run("prepare-env", "--env", labelled.toString(), "--metadata-url", "none").code());
    ApplianceCli.Result result = appliance.run("prepare-appliance");
    assertEquals(2, result.code(), result.out() + result.err());
    // env-new encrypts /data by default: the disk looked for is a LUKS2 container, and a new one is set up so.
    assertTrue(result.err().contains("there is no LUKS2 container " + root.resolve("dev/disk/by-label")), result.err());
    assertTrue(result.err().contains("appliance storage setup DEVICE --data"), result.err());
    assertTrue(result.err().contains("ignore: true"), result.err());
  }

  /** Makes {@code image} the drive labelled {@code label}, as udev does. */
  private void drive(String label, Path image) throws IOException {
    Path link = root.resolve("dev/disk/by-label/" + label);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, image);
  }

  /** An ISO 9660 image with volume id {@code label} holding one file at {@code path}. */
  private Path iso(String label, List<String> path, String content) throws Exception {
    Path tree = Files.createTempDirectory(root, "tree");
    Path file = tree.resolve(String.join("/", path));
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Path iso = root.resolve(label + ".iso");
    Process xorriso = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-volid", label, "-joliet", "-rock",
        "-o", iso.toString(), tree.toString()).redirectErrorStream(true).start();
    String output = new String(xorriso.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, xorriso.waitFor(), output);
    return iso;
  }
}
