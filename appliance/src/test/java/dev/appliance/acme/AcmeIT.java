package dev.appliance.acme;

import static dev.appliance.support.AcmeAppliance.DOMAIN;
import static dev.appliance.support.AcmeAppliance.WWW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.types.PemMaterial;
import dev.appliance.support.AcmeAppliance;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.FrontLoop;
import dev.appliance.support.TestSsl;
import dev.appliance.tls.CertificateCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Let's Encrypt's protocol against Debian's Pebble, with the appliance in a temporary root on the real engine
 * ({@link AcmeAppliance}): the certificate comes through the appliance's own front (http-01 on its HTTP port), the
 * front serves Pebble's chain, a renewal replaces it while a client looping against the front sees no failed request,
 * a refused order keeps the served certificate and holds further orders back, and the account is reused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AcmeIT {

  @TempDir
  static Path work;
  static AcmeAppliance appliance;
  static X509Certificate first;

  @BeforeAll
  static void setUp() throws Exception {
    appliance = new AcmeAppliance(work, "acmeit");
    appliance.up();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (appliance != null) {
      appliance.close();
    }
  }

  @Test
  @Order(1)
  void theFrontServesAChainFromPebblesIntermediateForEveryName() throws Exception {
    assertTrue(appliance.log("up.log").contains("certificate: issued by"), appliance.log("up.log"));
    List<X509Certificate> chain = appliance.served();
    first = chain.get(0);
    assertTrue(first.getIssuerX500Principal().getName().contains("Pebble Intermediate"), first.getIssuerX500Principal().getName());
    assertEquals(List.of(DOMAIN, WWW), CertificateCheck.dnsNames(first).stream().sorted().toList());
    assertTrue(chain.size() >= 2, "server certificate and intermediate");
    first.verify(chain.get(1).getPublicKey());
    X509Certificate pebbleRoot = PemMaterial.certificates(appliance.pebble().root()).get(0);
    chain.get(chain.size() - 1).verify(pebbleRoot.getPublicKey());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(appliance.acme("account.key"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(appliance.root().resolve("data/tls/acme"))));
    assertTrue(Files.readString(appliance.acme("accounts")).contains("/my-account/"), Files.readString(appliance.acme("accounts")));
    assertEquals(200, appliance.healthz());
  }

  @Test
  @Order(2)
  void aRenewalReplacesTheCertificateWithoutOneFailedRequestAndReusesTheAccount() throws Exception {
    String accounts = Files.readString(appliance.acme("accounts"));
    FrontLoop client = FrontLoop.start(appliance::healthz, Duration.ZERO);
    ApplianceCli.Result renewal = appliance.certificate("issue.log", "issue");
    Thread.sleep(1000);
    FrontLoop.Seen seen = client.stop();
    assertEquals(0, renewal.code(), renewal.out());
    assertTrue(renewal.out().contains("front proxy reloaded"), renewal.out());
    X509Certificate second = appliance.served().get(0);
    assertNotEquals(first.getSerialNumber(), second.getSerialNumber(), "the new certificate is served");
    assertEquals(List.of(), seen.failures(), seen.answered() + " requests answered");
    assertTrue(seen.answered() > 20, "the client kept asking: " + seen.answered());
    System.out.printf("renewal: %d requests answered, 0 failed, longest gap %d ms%n", seen.answered(),
        seen.longestGap().toMillis());
    assertEquals(accounts, Files.readString(appliance.acme("accounts")), "the same account");
    assertEquals(first, PemMaterial.certificates(Files.readString(appliance.root().resolve("data/tls/previous.crt"))).get(0),
        "the previous pair is kept");
  }

  @Test
  @Order(3)
  void testsslFindsNothingHighOrCriticalInTheFrontServingPebblesCertificate() throws Exception {
    Path pebbleRoot = Files.writeString(work.resolve("pebble-root.pem"), appliance.pebble().root());
    TestSsl.Scan scan = TestSsl.scan(DOMAIN, appliance.httpsPort(), pebbleRoot, work);
    System.out.println("testssl against Pebble's certificate: " + scan.counts() + " in " + scan.took().toSeconds() + " s; "
        + scan.findings().stream().filter(f -> !Set.of("OK", "INFO").contains(f.severity()))
            .map(f -> f.severity() + " " + f.id() + ": " + f.finding()).toList());
    // Pebble writes no CRL or OCSP address into its certificates: the one finding that is the test CA's own.
    assertEquals(List.of(), scan.severe(Set.of("cert_revocation")), scan.findings().toString());
  }

  @Test
  @Order(4)
  void aRefusedOrderKeepsTheServedCertificateAndHoldsTheNextOrderBack() throws Exception {
    X509Certificate before = appliance.served().get(0);
    // Both names: Pebble reuses a valid authorization 1% of the time even with PEBBLE_AUTHZREUSE=0 (it reuses when
    // rand.Intn(100) is not above the percentage), and one reused name must still leave a refused order.
    appliance.pebble().resolve(DOMAIN, "192.0.2.1");
    appliance.pebble().resolve(WWW, "192.0.2.1");
    try {
      ApplianceCli.Result refused = appliance.certificate("refused.log", "issue");
      assertEquals(1, refused.code(), refused.out());
      assertTrue(refused.out().contains("could not validate " + WWW) || refused.out().contains("could not validate "
          + DOMAIN + " over"), refused.out());
      assertTrue(refused.out().contains("the front keeps serving its current certificate"), refused.out());
      assertEquals(before.getSerialNumber(), appliance.served().get(0).getSerialNumber(), "the served certificate stays");
      assertTrue(Files.exists(appliance.root().resolve("data/etc/alerts/tls+acme.alert")), "alerted as tls/acme");
      String state = Files.readString(appliance.acme("state"));
      assertTrue(state.contains("not_before=") && state.contains("failures=1"), state);

      ApplianceCli.Result held = appliance.certificate("held.log", "issue");
      assertEquals(1, held.code(), held.out());
      assertTrue(held.out().contains("the CA is not asked: no order before"), held.out());
      assertEquals(state, Files.readString(appliance.acme("state")), "no order was placed");
      ApplianceCli.Result renew = appliance.certificate("renew.log", "renew");
      assertEquals(0, renew.code(), "not due: " + renew.out());
    } finally {
      appliance.pebble().unresolve(WWW);
      appliance.pebble().unresolve(DOMAIN);
    }
  }

  @Test
  @Order(5)
  void theDailyRenewalOrdersWhenTheEnvAsksForAnotherKeyType() throws Exception {
    Path rsa = work.resolve("env-rsa.yml");
    String text = Files.readString(appliance.env());
    String changed = text.replaceFirst("(?m)^      key_type: ec-p256$", "      key_type: rsa-2048");
    assertNotEquals(text, changed, "env-new writes appliance/ssl/letsencrypt/key_type");
    Files.writeString(rsa, changed);
    ApplianceCli.ok(appliance.cli().run("prepare-env", "--env", rsa.toString(), "--metadata-url", "none"));
    // The refused order before holds every order back for an hour; the operator's way out, once the cause is fixed.
    Files.delete(appliance.acme("state"));
    ApplianceCli.Result renew = appliance.certificate("renew-rsa.log", "renew");
    assertEquals(0, renew.code(), renew.out());
    assertTrue(renew.out().contains("took the order"), "due for its key type: " + renew.out());
    X509Certificate served = appliance.served().get(0);
    assertEquals("RSA", served.getPublicKey().getAlgorithm(), "the renewed certificate is served");
    assertTrue(renew.out().contains("certificate: the front serves it"), renew.out());
  }
}
