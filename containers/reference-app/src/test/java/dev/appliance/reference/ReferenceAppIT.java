package dev.appliance.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.ImagePullPolicy;

/**
 * The reference application in its images, against the real postgres and redis images of containers/: upload,
 * the worker's checksum, download, data kept across a restart of everything, and version 2 migrating version 1's data.
 */
class ReferenceAppIT {

  private static final ImagePullPolicy NEVER_PULL = image -> false;
  private static final String PASSWORD = "it-" + UUID.randomUUID();

  @TempDir
  Path data;

  private final Network network = Network.newNetwork();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void removeNetwork() {
    network.close();
  }

  @Test
  void uploadChecksumDownloadRestartAndMigrateToVersion2() throws Exception {
    Path vault = Files.createDirectories(data.resolve("vault"));
    Files.setPosixFilePermissions(vault, PosixFilePermissions.fromString("rwxrwxrwx")); // the app runs as uid 1000
    byte[] content = new byte[200_000];
    new SecureRandom().nextBytes(content);
    long id;

    try (var postgres = postgres(); var redis = redis()) {
      postgres.start();
      redis.start();
      assertTrue(migrate(1).contains("schema at version 1 (1 migrations applied)"));
      try (var web = app(1, "web"); var worker = app(1, "worker")) {
        web.start();
        worker.start();
        String base = "http://" + web.getHost() + ":" + web.getMappedPort(8080);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(base + "/documents?name=report.bin"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, upload.statusCode(), upload.body());
        Matcher idMatch = Pattern.compile("\"id\":(\\d+)").matcher(upload.body());
        assertTrue(idMatch.find());
        id = Long.parseLong(idMatch.group(1));
        String listing = awaitChecksum(base);
        assertTrue(listing.contains("\"sha256\":\"" + sha256(content) + "\",\"size\":" + content.length), listing);
        assertArrayEquals(content, download(base, id));
        assertEquals("1\n", get(base + "/version"));
      }
    }

    // Everything stopped and removed; new containers on the same data.
    try (var postgres = postgres(); var redis = redis()) {
      postgres.start();
      redis.start();
      try (var web = app(1, "web")) {
        web.start();
        String base = "http://" + web.getHost() + ":" + web.getMappedPort(8080);
        assertArrayEquals(content, download(base, id), "data survives a restart of all services");
      }
      String migrated = migrate(2);
      assertTrue(migrated.contains("schema at version 2 (1 migrations applied)"), migrated);
      try (var web = app(2, "web")) {
        web.start();
        String base = "http://" + web.getHost() + ":" + web.getMappedPort(8080);
        assertEquals("2\n", get(base + "/version"));
        assertArrayEquals(content, download(base, id));
        assertTrue(get(base + "/documents").contains("\"sha256\":\"" + sha256(content) + "\""), "version 1's checksum kept");
        assertTrue(get(base + "/documents").contains("\"downloads\":1"), "version 2 counts downloads");
      }
    }
  }

  private GenericContainer<?> postgres() {
    return DataServices.postgres(network, data, PASSWORD);
  }

  private GenericContainer<?> redis() {
    return DataServices.redis(network, data);
  }

  private GenericContainer<?> app(int version, String command) {
    GenericContainer<?> app = new GenericContainer<>("appliance/reference-app:" + version)
        .withImagePullPolicy(NEVER_PULL)
        .withNetwork(network)
        .withEnv(Map.of("DATABASE_URL", "jdbc:postgresql://postgres:5432/app", "DATABASE_USER", "app",
            "DATABASE_PASSWORD", PASSWORD, "REDIS_URL", "redis://redis:6379", "VAULT_PATH", "/data/vault"))
        .withCreateContainerCmdModifier(DataServices.bind(data.resolve("vault"), "/data/vault"))
        .withCommand(command);
    if (command.equals("web")) {
      app.withExposedPorts(8080).waitingFor(Wait.forHttp("/healthz").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(1)));
    } else {
      app.waitingFor(Wait.forLogMessage(".*waiting for jobs.*", 1));
    }
    return app;
  }

  private String migrate(int version) {
    try (var migrate = app(version, "migrate")) {
      migrate.withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofMinutes(1))).setWaitStrategy(null);
      migrate.start();
      return migrate.getLogs();
    }
  }

  private String awaitChecksum(String base) throws Exception {
    for (int i = 0; i < 100; i++) {
      String listing = get(base + "/documents");
      if (!listing.contains("\"sha256\":null")) {
        return listing;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the worker recorded no checksum within 10 s");
  }

  private byte[] download(String base, long id) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base + "/documents/" + id)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private String get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

}
