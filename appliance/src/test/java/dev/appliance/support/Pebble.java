package dev.appliance.support;

import dev.appliance.containers.HttpsProbe;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Pebble, the ACME test CA, with its pebble-challtestsrv as the DNS server it resolves names through
 * (every name answers 127.0.0.1 unless the test sets another address), all on free ports of 127.0.0.1. Pebble validates
 * http-01 on {@code httpPort} of the resolved address: the front proxy's published HTTP port. Pebble ships no
 * certificate for its own HTTPS listener, so one is made here, and {@link #trustStore()} holds it for the client.
 */
public final class Pebble implements AutoCloseable {

  private static final String STORE_PASSWORD = "changeit";

  private final Path dir;
  private final int acmePort;
  private final int managementPort;
  private final int challengeManagementPort;
  private final Process challtestsrv;
  private final Process pebble;

  private Pebble(Path dir, int acmePort, int managementPort, int challengeManagementPort, Process challtestsrv, Process pebble) {
    this.dir = dir;
    this.acmePort = acmePort;
    this.managementPort = managementPort;
    this.challengeManagementPort = challengeManagementPort;
    this.challtestsrv = challtestsrv;
    this.pebble = pebble;
  }

  /** Starts both servers in {@code dir}; Pebble validates http-01 on {@code httpPort}. */
  public static Pebble start(Path dir, int httpPort) throws Exception {
    Files.createDirectories(dir);
    X509Certificate certificate = SmtpRelay.selfSigned(List.of("localhost", "127.0.0.1"), dir.resolve("cert.pem"),
        dir.resolve("key.pem"));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("pebble", certificate);
    try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
      store.store(out, STORE_PASSWORD.toCharArray());
    }
    int acme = TestEnvs.freePort();
    int management = TestEnvs.freePort();
    int dns = TestEnvs.freePort();
    int challengeManagement = TestEnvs.freePort();
    Files.writeString(dir.resolve("pebble.json"), "{\"pebble\": {\"listenAddress\": \"127.0.0.1:" + acme + "\","
        + " \"managementListenAddress\": \"127.0.0.1:" + management + "\", \"certificate\": \"" + dir.resolve("cert.pem")
        + "\", \"privateKey\": \"" + dir.resolve("key.pem") + "\", \"httpPort\": " + httpPort + ", \"tlsPort\": "
        + TestEnvs.freePort() + ", \"ocspResponderURL\": \"\", \"externalAccountBindingRequired\": false}}");
    Process challtestsrv = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dns, "-http01", "",
        "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + challengeManagement, "-defaultIPv6", "")
        .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
    ProcessBuilder pebbleCommand = new ProcessBuilder("pebble", "-config", dir.resolve("pebble.json").toString(),
        "-dnsserver", "127.0.0.1:" + dns, "-strict=false")
        .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
    pebbleCommand.environment().put("PEBBLE_VA_NOSLEEP", "1");
    // Each order validates afresh (but for 1% of the names: Pebble's reuse test is rand.Intn(100) > 0).
    pebbleCommand.environment().put("PEBBLE_AUTHZREUSE", "0");
    Pebble started = new Pebble(dir, acme, management, challengeManagement, challtestsrv, pebbleCommand.start());
    try {
      started.awaitListening(acme);
      started.awaitListening(challengeManagement);
    } catch (Exception e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** The ACME directory URL. */
  public URI directory() {
    return URI.create("https://localhost:" + acmePort + "/dir");
  }

  /** A PKCS#12 trust store (password {@link #storePassword()}) with the certificate of Pebble's HTTPS listener. */
  public Path trustStore() {
    return dir.resolve("trust.p12");
  }

  public String storePassword() {
    return STORE_PASSWORD;
  }

  /** The JVM options a client of Pebble needs: its listener trusted. */
  public List<String> clientOptions() {
    return List.of("-Djavax.net.ssl.trustStore=" + trustStore(), "-Djavax.net.ssl.trustStorePassword=" + STORE_PASSWORD);
  }

  /** The PEM of Pebble's root, which signs its intermediate (a new one on every start). */
  public String root() throws Exception {
    return get("https://127.0.0.1:" + managementPort + "/roots/0");
  }

  /** From now on {@code name} resolves to {@code address} for Pebble's validation. */
  public void resolve(String name, String address) throws Exception {
    post("/add-a", "{\"host\":\"" + name + ".\",\"addresses\":[\"" + address + "\"]}");
  }

  /** {@code name} resolves to the default (127.0.0.1) again. */
  public void unresolve(String name) throws Exception {
    post("/clear-a", "{\"host\":\"" + name + ".\"}");
  }

  /** Pebble's log so far. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("pebble.log"));
  }

  private void post(String path, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + challengeManagementPort + path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("pebble-challtestsrv " + path + ": " + response.statusCode() + " " + response.body());
    }
  }

  private static String get(String url) throws Exception {
    return HttpClient.newBuilder().sslContext(HttpsProbe.trustingContext()).build()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!pebble.isAlive() || !challtestsrv.isAlive()) {
        throw new IllegalStateException("pebble or pebble-challtestsrv ended:\n" + log()
            + Files.readString(dir.resolve("challtestsrv.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on 127.0.0.1:" + port + " after 20 s:\n" + log());
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : List.of(pebble, challtestsrv)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
