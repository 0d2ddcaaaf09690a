package dev.appliance.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.docker.DockerClients;
import dev.appliance.env.types.PemMaterial;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.Pebble;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.TestSsl;
import dev.appliance.tls.CertificateCheck;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Let's Encrypt's protocol against Debian's Pebble, with the appliance in a temporary root on the real engine: the
 * certificate comes through the appliance's own front (http-01 on its HTTP port), the front serves Pebble's chain,
 * a renewal replaces it while a client looping against the front sees no failed request, a refused order keeps the
 * served certificate and holds further orders back, and the account is reused. The appliance runs in JVMs of its
 * own, which resolve the test's names through a hosts file (as DNS would) and trust Pebble's HTTPS listener.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcmeIT {

  static final String DOMAIN = "acme.appliance.test";
  static final String WWW = "www.acme.appliance.test";

  @TempDir
  static Path work;
  static Path root;
  static String name;
  static int httpPort;
  static int httpsPort;
  static Pebble pebble;
  static ApplianceCli cli;
  static List<String> jvm;
  static Process appliance;
  static DockerClient docker;
  static X509Certificate first;

  @BeforeAll
  static void setUp() throws Exception {
    root = work.resolve("root");
    name = "acmeit" + Long.toString(System.nanoTime() % 1_000_000, 36);
    httpPort = TestEnvs.freePort();
    httpsPort = TestEnvs.freePort();
    pebble = Pebble.start(work.resolve("pebble"), httpPort);
    Path hosts = Files.writeString(work.resolve("hosts"), "127.0.0.1 localhost " + DOMAIN + " " + WWW + "\n");
    jvm = new ArrayList<>(pebble.clientOptions());
    jvm.add("-Djdk.net.hosts.file=" + hosts);
    Path env = TestEnvs.forDomain(work.resolve("env"), DOMAIN, "appliance:\n  ssl:\n    letsencrypt:\n      enabled: true\n"
        + "      email: ops@example.org\n      directory: " + pebble.directory() + "\n      extra_names: [" + WWW + "]\n");
    cli = new ApplianceCli(root, TestEnvs.stack(work.resolve("stack"), name), httpPort, httpsPort);
    docker = DockerClients.connect();
    appliance = cli.startProcess(work.resolve("up.log"), jvm, "up", "--env", env.toString());
    Instant deadline = Instant.now().plusSeconds(300);
    while (!log("up.log").contains("serving https://")) {
      assertTrue(appliance.isAlive(), () -> "up ended: " + log("up.log"));
      assertTrue(Instant.now().isBefore(deadline), () -> "not serving within 300 s: " + log("up.log"));
      Thread.sleep(250);
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (cli != null) {
      cli.run("stop", "--timeout", "5");
    }
    if (appliance != null) {
      appliance.destroy();
      appliance.waitFor(60, TimeUnit.SECONDS);
    }
    if (docker != null) {
      for (Container container : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()) {
        docker.removeContainerCmd(container.getId()).withForce(true).exec();
      }
      docker.listNetworksCmd().withNameFilter(name).exec().forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
      docker.close();
    }
    if (pebble != null) {
      pebble.close();
    }
  }

  static String log(String file) {
    try {
      return Files.readString(work.resolve(file));
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The chain the front serves to a client that asks for {@code DOMAIN} (SNI). */
  static List<X509Certificate> served() throws Exception {
    try (SSLSocket socket = (SSLSocket) HttpsProbe.trustingContext().getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", httpsPort), 5000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return Arrays.stream(socket.getSession().getPeerCertificates()).map(c -> (X509Certificate) c).toList();
    }
  }

  /**
   * The application's health through the front, on a connection of its own (each request meets whatever the front
   * holds at that moment), for the test's name whatever address it is reached on.
   */
  static int healthz() throws Exception {
    HttpsURLConnection connection = (HttpsURLConnection) URI.create("https://127.0.0.1:" + httpsPort + "/healthz").toURL()
        .openConnection();
    connection.setSSLSocketFactory(HttpsProbe.trustingContext().getSocketFactory());
    connection.setHostnameVerifier((host, session) -> true);
    connection.setRequestProperty("Connection", "close");
    connection.setConnectTimeout(5000);
    connection.setReadTimeout(10000);
    try {
      connection.getInputStream().readAllBytes();
      return connection.getResponseCode();
    } catch (java.io.IOException e) {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  static ApplianceCli.Result certificate(String logName, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("certificate"));
    all.addAll(List.of(args));
    return cli.runProcess(work.resolve(logName), jvm, all.toArray(String[]::new));
  }

  static Path acme(String file) {
    return root.resolve("data/tls/acme").resolve(file);
  }

  @Test
  @Order(1)
  void theFrontServesAChainFromPebblesIntermediateForEveryName() throws Exception {
    assertTrue(log("up.log").contains("certificate: issued by"), log("up.log"));
    List<X509Certificate> chain = served();
    first = chain.get(0);
    assertTrue(first.getIssuerX500Principal().getName().contains("Pebble Intermediate"), first.getIssuerX500Principal().getName());
    assertEquals(List.of(DOMAIN, WWW), CertificateCheck.dnsNames(first).stream().sorted().toList());
    assertTrue(chain.size() >= 2, "server certificate and intermediate");
    first.verify(chain.get(1).getPublicKey());
    X509Certificate pebbleRoot = PemMaterial.certificates(pebble.root()).get(0);
    chain.get(chain.size() - 1).verify(pebbleRoot.getPublicKey());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(acme("account.key"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data/tls/acme"))));
    assertTrue(Files.readString(acme("accounts")).contains("/my-account/"), Files.readString(acme("accounts")));
    assertEquals(200, healthz());
  }

  @Test
  @Order(2)
  void aRenewalReplacesTheCertificateWithoutOneFailedRequestAndReusesTheAccount() throws Exception {
    String accounts = Files.readString(acme("accounts"));
    AtomicBoolean looping = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicLong longestGap = new AtomicLong();
    Thread client = new Thread(() -> {
      long last = System.nanoTime();
      while (looping.get()) {
        try {
          int status = healthz();
          if (status == 200) {
            ok.incrementAndGet();
            long now = System.nanoTime();
            longestGap.accumulateAndGet(now - last, Math::max);
            last = now;
          } else {
            failures.add("status " + status);
          }
        } catch (Exception e) {
          failures.add(e.toString());
        }
      }
    });
    client.start();
    ApplianceCli.Result renewal = certificate("issue.log", "issue");
    Thread.sleep(1000);
    looping.set(false);
    client.join();
    assertEquals(0, renewal.code(), renewal.out());
    assertTrue(renewal.out().contains("front proxy reloaded"), renewal.out());
    X509Certificate second = served().get(0);
    assertNotEquals(first.getSerialNumber(), second.getSerialNumber(), "the new certificate is served");
    assertEquals(List.of(), failures, ok.get() + " requests answered");
    assertTrue(ok.get() > 20, "the client kept asking: " + ok.get());
    System.out.printf("renewal: %d requests answered, 0 failed, longest gap %d ms%n", ok.get(),
        TimeUnit.NANOSECONDS.toMillis(longestGap.get()));
    assertEquals(accounts, Files.readString(acme("accounts")), "the same account");
    assertEquals(first, PemMaterial.certificates(Files.readString(root.resolve("data/tls/previous.crt"))).get(0),
        "the previous pair is kept");
  }

  @Test
  @Order(3)
  void testsslFindsNothingHighOrCriticalInTheFrontServingPebblesCertificate() throws Exception {
    Path pebbleRoot = Files.writeString(work.resolve("pebble-root.pem"), pebble.root());
    TestSsl.Scan scan = TestSsl.scan(DOMAIN, httpsPort, pebbleRoot, work);
    System.out.println("testssl against Pebble's certificate: " + scan.counts() + " in " + scan.took().toSeconds() + " s");
    // Pebble writes no CRL or OCSP address into its certificates: the one finding that is the test CA's own.
    assertEquals(List.of(), scan.severe(Set.of("cert_revocation")), scan.findings().toString());
  }

  @Test
  @Order(4)
  void aRefusedOrderKeepsTheServedCertificateAndHoldsTheNextOrderBack() throws Exception {
    X509Certificate before = served().get(0);
    pebble.resolve(WWW, "192.0.2.1");
    try {
      ApplianceCli.Result refused = certificate("refused.log", "issue");
      assertEquals(1, refused.code(), refused.out());
      assertTrue(refused.out().contains("could not validate " + WWW), refused.out());
      assertTrue(refused.out().contains("the front keeps serving its current certificate"), refused.out());
      assertEquals(before.getSerialNumber(), served().get(0).getSerialNumber(), "the served certificate stays");
      assertTrue(Files.exists(root.resolve("data/etc/alerts/tls+acme.alert")), "alerted as tls/acme");
      String state = Files.readString(acme("state"));
      assertTrue(state.contains("not_before=") && state.contains("failures=1"), state);

      ApplianceCli.Result held = certificate("held.log", "issue");
      assertEquals(1, held.code(), held.out());
      assertTrue(held.out().contains("the CA is not asked: no order before"), held.out());
      assertEquals(state, Files.readString(acme("state")), "no order was placed");
      ApplianceCli.Result renew = certificate("renew.log", "renew");
      assertEquals(0, renew.code(), "not due: " + renew.out());
    } finally {
      pebble.unresolve(WWW);
    }
  }
}
