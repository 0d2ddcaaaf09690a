package dev.appliance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * An upload when the vault's disk is full: the application's own code, run here, against the stack's postgres and
 * redis, with a 1 MiB tmpfs as the vault. Needs root, for the mount.
 */
class FullVaultIT {

  private static final String PASSWORD = "it-" + UUID.randomUUID();
  private static final Path MIGRATIONS = Path.of("src/main/migrations/v1");

  @TempDir
  static Path data;

  private static Path vault;
  private static boolean mounted;
  private static Network network;
  private static GenericContainer<?> postgres;
  private static GenericContainer<?> redis;
  private static HttpServer web;
  private static String base;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small file system as the vault needs root");
    vault = Files.createDirectories(data.resolve("vault"));
    run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", vault.toString());
    mounted = true;
    network = Network.newNetwork();
    postgres = DataServices.postgres(network, data, PASSWORD).withExposedPorts(5432);
    redis = DataServices.redis(network, data).withExposedPorts(6379);
    postgres.start();
    redis.start();
    Settings settings = new Settings("jdbc:postgresql://127.0.0.1:" + postgres.getMappedPort(5432) + "/app", "app", PASSWORD,
        "redis://127.0.0.1:" + redis.getMappedPort(6379), vault, 1, 0, MIGRATIONS.toAbsolutePath());
    Migrations.apply(settings);
    web = new WebServer(settings).start();
    base = "http://127.0.0.1:" + web.getAddress().getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    if (web != null) {
      web.stop(0);
    }
    for (GenericContainer<?> container : new GenericContainer<?>[] {postgres, redis}) {
      if (container != null) {
        container.stop();
      }
    }
    if (network != null) {
      network.close();
    }
    if (mounted) {
      run("umount", vault.toString());
    }
  }

  @Test
  void anUploadToAFullDiskIsRefusedWith507AndLeavesNeitherARowNorAFile() throws Exception {
    assertEquals(201, upload("before.txt", new byte[1000]).statusCode(), "an upload while there is room");
    fill(vault.resolve("filler"));

    HttpResponse<String> refused = upload("report.bin", new byte[256 * 1024]);

    assertEquals(507, refused.statusCode(), refused.body());
    assertEquals("not stored: the server's storage is full\n", refused.body());
    String listing = http.send(HttpRequest.newBuilder(URI.create(base + "/documents")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(listing.contains("before.txt"), listing);
    assertFalse(listing.contains("report.bin"), "no row for the refused upload: " + listing);
    assertEquals(List.of("1", "filler"), names(), "no temporary file and no file of the refused upload");
  }

  private HttpResponse<String> upload(String name, byte[] content) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/documents?name=" + name))
        .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Writes {@code file} until the file system is full. */
  private static void fill(Path file) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      IOException full = assertThrows(IOException.class, () -> {
        while (true) {
          out.write(block);
          out.flush();
        }
      });
      assertTrue(String.valueOf(full.getMessage()).contains("No space left on device"), full.toString());
    }
  }

  private static List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(vault)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ": " + output);
  }
}
