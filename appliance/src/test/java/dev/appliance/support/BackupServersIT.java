package dev.appliance.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup servers of the tests with the real restic 0.14, in the repository strings the appliance gives it: a
 * repository made, a backup taken and listed on each; a wrong repository password, wrong server credentials and a
 * stopped server each make restic fail, and a restarted server serves the same repository again.
 */
class BackupServersIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NO_SESSION = "unable to start the sftp session";

  @TempDir
  Path work;
  Path client;
  Path source;

  @BeforeEach
  void clientFilesAndSource() throws IOException {
    client = Files.createDirectories(work.resolve("client"));
    secret(client.resolve("password"), "Repo-pw-4Jd8Qm2Xc7\n");
    secret(client.resolve("wrong-password"), "not-the-password\n");
    source = Files.createDirectories(work.resolve("source"));
    Files.writeString(source.resolve("hello.txt"), "hello from the appliance\n");
  }

  @Test
  void sftpServerTakesABackupThroughTheSshCommand() throws Exception {
    try (SftpServer server = SftpServer.start(work.resolve("sftp"))) {
      Path key = secret(client.resolve("sftp-key"), server.privateKey());
      Path knownHosts = Files.writeString(client.resolve("known_hosts"), server.knownHostsLine() + "\n");
      Path repository = work.resolve("sftp-repository");
      String sftp = server.resticRepository(repository);
      String command = "sftp.command=" + server.sftpCommand(key, knownHosts);
      List<String> access = List.of("-r", sftp, "-o", command);

      assertBackedUpOnce(access);
      assertTrue(Files.isRegularFile(repository.resolve("config")), "the repository is at its absolute path");
      URI url = server.url(repository);
      assertEquals("sftp://" + server.user() + "@127.0.0.1:" + server.port() + repository, url.toString());
      // restic reads the URL form's single slash as a path under the user's home, not the repository.
      assertFails(restic("password", List.of("-r", url.toString(), "-o", command), "snapshots"),
          "unable to open config file");

      assertFails(restic("wrong-password", access, "snapshots"), "wrong password");
      // restic 0.14 passes on ssh's reason (Permission denied, Host key verification failed, Connection refused)
      // only when its copy of ssh's stderr wins the race with its exit: what is certain is the failed session.
      Path otherKey = keygen(client.resolve("other-key"));
      assertFails(restic("password", List.of("-r", sftp, "-o", "sftp.command=" + server.sftpCommand(otherKey,
          knownHosts)), "snapshots"), NO_SESSION);
      Path otherHost = Files.writeString(client.resolve("other_known_hosts"), "[127.0.0.1]:" + server.port() + " "
          + Files.readString(Path.of(otherKey + ".pub")));
      assertFails(restic("password", List.of("-r", sftp, "-o", "sftp.command=" + server.sftpCommand(key, otherHost)),
          "snapshots"), NO_SESSION);

      server.stop();
      assertFails(restic("password", access, "snapshots"), NO_SESSION);
      server.restart();
      assertEquals(1, snapshots(access).size());
    }
  }

  @Test
  void restServerTakesABackupWithItsCredentials() throws Exception {
    try (RestServer server = RestServer.start(work.resolve("rest"), false)) {
      List<String> access = List.of("-r", server.resticRepository());

      assertBackedUpOnce(access);
      assertTrue(Files.isRegularFile(server.data().resolve("config")), "the repository is in the served directory");
      assertEquals("rest+http://127.0.0.1:" + server.port() + "/", server.url().toString());

      assertFails(restic("wrong-password", access, "snapshots"), "wrong password");
      assertFails(restic("password", List.of("-r", "rest:http://" + server.username() + ":wrong@127.0.0.1:"
          + server.port() + "/"), "snapshots"), "401 Unauthorized");
      assertFails(restic("password", List.of("-r", "rest:http://127.0.0.1:" + server.port() + "/"), "snapshots"),
          "401 Unauthorized");

      server.stop();
      assertFails(restic("password", access, "snapshots"), "connection refused");
      server.restart();
      assertEquals(1, snapshots(access).size());
    }
  }

  @Test
  void appendOnlyRestServerKeepsSnapshotsItIsAskedToDelete() throws Exception {
    try (RestServer server = RestServer.start(work.resolve("rest"), true)) {
      List<String> access = List.of("-r", server.resticRepository());
      assertBackedUpOnce(access);
      String id = snapshots(access).get(0).get("id").asText();

      // Straight to the REST API: restic's forget retries a refused delete for some 40 s before it gives up.
      HttpResponse<String> delete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/snapshots/" + id)).DELETE()
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (server.username() + ":" + server.password()).getBytes(StandardCharsets.UTF_8))).build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(403, delete.statusCode(), delete.body());
      assertEquals(id, snapshots(access).get(0).get("id").asText());
    }
  }

  /** init, a backup of the source, and snapshots lists exactly that backup. */
  private void assertBackedUpOnce(List<String> access) throws Exception {
    assertOk(restic("password", access, "init"));
    assertOk(restic("password", access, "backup", source.toString()));
    List<JsonNode> snapshots = snapshots(access);
    assertEquals(1, snapshots.size(), snapshots.toString());
    assertEquals(source.toString(), snapshots.get(0).get("paths").get(0).asText());
  }

  private List<JsonNode> snapshots(List<String> access) throws Exception {
    Result result = assertOk(restic("password", access, "snapshots", "--json"));
    List<JsonNode> snapshots = new ArrayList<>();
    JSON.readTree(result.output().lines().filter(line -> line.startsWith("[")).findFirst().orElseThrow(
        () -> new AssertionError("no JSON from restic snapshots:\n" + result.output()))).forEach(snapshots::add);
    return snapshots;
  }

  /** restic with the password file {@code client/NAME}, its cache under the test's directory, no other RESTIC_*. */
  private Result restic(String passwordFile, List<String> access, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("restic"));
    command.addAll(access);
    command.addAll(List.of(arguments));
    Path output = Files.createTempFile(work, "restic", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("RESTIC_"));
    builder.environment().put("RESTIC_PASSWORD_FILE", client.resolve(passwordFile).toString());
    builder.environment().put("RESTIC_CACHE_DIR", work.resolve("restic-cache").toString());
    Process restic = builder.start();
    restic.getOutputStream().close();
    if (!restic.waitFor(60, TimeUnit.SECONDS)) {
      restic.destroyForcibly();
      throw new AssertionError("restic " + String.join(" ", arguments) + " still runs after 60 s");
    }
    return new Result(String.join(" ", arguments), restic.exitValue(), Files.readString(output));
  }

  private record Result(String what, int exit, String output) {}

  private static Result assertOk(Result result) {
    assertEquals(0, result.exit(), "restic " + result.what() + ":\n" + result.output());
    return result;
  }

  private static void assertFails(Result result, String expected) {
    assertNotEquals(0, result.exit(), "restic " + result.what() + " succeeded:\n" + result.output());
    assertTrue(result.output().contains(expected), "restic " + result.what() + " did not say '" + expected + "':\n"
        + result.output());
  }

  /** A key pair no server of this test knows: {@code file} and {@code file.pub}; returns {@code file}. */
  private static Path keygen(Path file) throws Exception {
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
        .redirectErrorStream(true).start();
    assertEquals(0, keygen.waitFor(), new String(keygen.getInputStream().readAllBytes()));
    return file;
  }

  private static Path secret(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return Files.writeString(file, text);
  }
}
