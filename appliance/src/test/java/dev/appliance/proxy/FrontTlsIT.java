package dev.appliance.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestCa;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.TestSsl;
import dev.appliance.support.ThrowawayStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real front, with the project's images in a temporary root, serving the env's own certificate from a CA of the
 * test's: the security headers on the application's answers and on the maintenance page, a stack that changes them,
 * and testssl.sh finding nothing rated HIGH or CRITICAL.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FrontTlsIT {

  /**
   * What the test CA writes into the certificate, allowed by name: cert_revocation (HIGH "neither CRL nor OCSP URI"),
   * since no test CA runs a CRL or OCSP service. Nothing about the front itself is allowed.
   */
  static final Set<String> ALLOWED = Set.of("cert_revocation");
  static final String PARTNER = "frame-ancestors 'self' https://partner.example";

  @TempDir
  static Path work;
  static ThrowawayStack stack;
  static TestCa ca;
  static HttpClient client;
  static int httpsPort;
  static ApplianceCli defaults;
  static ApplianceCli framed;
  static CompletableFuture<ApplianceCli.Result> supervisor;

  @BeforeAll
  static void setUp() throws Exception {
    stack = new ThrowawayStack();
    ca = TestCa.create(work.resolve("ca"));
    TestCa.Issued issued = ca.issue(List.of("localhost"));
    Path env = TestEnvs.localhost(work.resolve("env"), "appliance:\n  ssl:\n    key: |\n" + indented(issued.keyPem())
        + "    cert: |\n" + indented(issued.chainPem()));
    client = HttpClient.newBuilder().sslContext(ca.trusting()).connectTimeout(Duration.ofSeconds(5)).build();
    int httpPort = TestEnvs.freePort();
    httpsPort = TestEnvs.freePort();
    // The front published on 127.0.0.1 only, unlike a machine's.
    String[] local = {"\"${APPLIANCE_HTTP_PORT:-80}:8080\"", "\"127.0.0.1:${APPLIANCE_HTTP_PORT:-80}:8080\"",
        "\"${APPLIANCE_HTTPS_PORT:-443}:8443\"", "\"127.0.0.1:${APPLIANCE_HTTPS_PORT:-443}:8443\""};
    Path root = work.resolve("root");
    defaults = new ApplianceCli(root, TestEnvs.stack(work.resolve("defaults"), stack.name, local), httpPort, httpsPort);
    String[] frames = {local[0], local[1], local[2], local[3], "x-appliance:\n", "x-appliance:\n  front:\n    headers:\n"
        + "      X-Frame-Options: null\n      Content-Security-Policy: \"" + PARTNER + "\"\n"};
    framed = new ApplianceCli(root, TestEnvs.stack(work.resolve("framed"), stack.name, frames), httpPort, httpsPort);
    ApplianceCli.ok(defaults.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
  }

  @AfterAll
  static void tearDown() throws Exception {
    defaults.run("stop", "--timeout", "5");
    stack.close();
  }

  private static String indented(String pem) {
    return pem.lines().map(line -> "      " + line + "\n").reduce("", String::concat);
  }


  static HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The headers every answer carries, each once; {@code frameOptions} empty when the stack sends none. */
  static void assertSecurityHeaders(HttpResponse<String> answer, Optional<String> frameOptions, String policy) {
    HttpHeaders headers = answer.headers();
    String where = answer.uri() + " (" + answer.statusCode() + "): " + headers.map();
    assertEquals(List.of("nosniff"), headers.allValues("x-content-type-options"), where);
    assertEquals(List.of("strict-origin-when-cross-origin"), headers.allValues("referrer-policy"), where);
    assertEquals(frameOptions.map(List::of).orElse(List.of()), headers.allValues("x-frame-options"), where);
    assertEquals(List.of(policy), headers.allValues("content-security-policy"), where);
    assertEquals(List.of("max-age=63072000"), headers.allValues("strict-transport-security"), where);
  }

  static void startSupervisor(ApplianceCli cli) throws Exception {
    ApplianceCli.ok(cli.run("prepare-app"));
    supervisor = cli.startServing(new StringWriter());
  }

  static void stopSupervisor(ApplianceCli cli) throws Exception {
    ApplianceCli.ok(cli.run("stop", "--timeout", "10"));
    ApplianceCli.ok(supervisor.get(60, TimeUnit.SECONDS));
  }

  @Test
  @Order(1)
  void theMaintenancePageCarriesTheSecurityHeaders() throws Exception {
    ApplianceCli.ok(defaults.run("prepare-appliance"));
    HttpResponse<String> starting = get("/");
    assertEquals(503, starting.statusCode(), starting.body());
    assertTrue(starting.body().contains("Starting"), starting.body());
    assertEquals(List.of("30"), starting.headers().allValues("retry-after"));
    assertSecurityHeaders(starting, Optional.of("SAMEORIGIN"), "frame-ancestors 'self'");
  }

  @Test
  @Order(2)
  void theApplicationsAnswersCarryThemEvenErrors() throws Exception {
    startSupervisor(defaults);
    HttpResponse<String> health = get("/healthz");
    assertEquals(200, health.statusCode(), health.body());
    assertSecurityHeaders(health, Optional.of("SAMEORIGIN"), "frame-ancestors 'self'");
    HttpResponse<String> missing = get("/no-such-page");
    assertEquals(404, missing.statusCode(), missing.body());
    assertSecurityHeaders(missing, Optional.of("SAMEORIGIN"), "frame-ancestors 'self'");
  }

  @Test
  @Order(3)
  void testsslFindsNothingHighOrCritical() throws Exception {
    TestSsl.Scan scan = TestSsl.scan("localhost", httpsPort, ca.certificate(), work);
    System.out.printf("testssl: %s in %d s, allowed %s, warnings %s%n  %s%n", scan.counts(), scan.took().toSeconds(), ALLOWED,
        scan.findings().stream().filter(f -> f.severity().equals("WARN")).toList(), String.join(" ", scan.command()));
    assertEquals(List.of(), scan.severe(ALLOWED), "testssl's findings rated HIGH or CRITICAL");
    List<String> ids = scan.findings().stream().map(TestSsl.Finding::id).toList();
    // testssl reports the security headers it found, and "security_headers" (MEDIUM) when it found none.
    assertTrue(ids.containsAll(List.of("X-Frame-Options", "X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy")),
        ids.toString());
    assertTrue(scan.findings().contains(new TestSsl.Finding("cert_chain_of_trust", "OK", "passed.")), "the test CA was trusted");
  }

  @Test
  @Order(4)
  void aStackThatIsFramedElsewhereChangesTheHeaders() throws Exception {
    stopSupervisor(defaults);
    ApplianceCli.ok(framed.run("prepare-appliance"));
    HttpResponse<String> starting = get("/");
    assertEquals(503, starting.statusCode(), starting.body());
    assertSecurityHeaders(starting, Optional.empty(), PARTNER);
    startSupervisor(framed);
    HttpResponse<String> health = get("/healthz");
    assertEquals(200, health.statusCode(), health.body());
    assertSecurityHeaders(health, Optional.empty(), PARTNER);
    stopSupervisor(framed);
  }
}
