package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.TestCertificates;
import dev.appliance.support.TestCertificates.Issued;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateCheckTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final List<String> NAMES = List.of("app.example.org", "www.example.org");

  @Test
  void aMatchingKeyAndAChainSignedLinkByLinkForEveryNamePass() throws Exception {
    Issued ca = TestCertificates.ca("test CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    // Issued a minute "in the future": a CA's clock ahead of ours must not fail a fresh certificate.
    Issued server = TestCertificates.server(ca, NAMES, NOW.plusSeconds(60), NOW.plus(Duration.ofDays(90)));
    assertEquals(Optional.empty(), CertificateCheck.problem(server.key().getPrivate(),
        List.of(server.certificate(), ca.certificate()), NAMES, NOW));
  }

  @Test
  void everyFlawIsNamed() throws Exception {
    Issued ca = TestCertificates.ca("test CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    Issued other = TestCertificates.ca("other CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
    Issued server = TestCertificates.server(ca, NAMES, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(90)));
    Issued expired = TestCertificates.server(ca, NAMES, NOW.minus(Duration.ofDays(91)), NOW.minus(Duration.ofDays(1)));
    Issued oneName = TestCertificates.server(ca, List.of("app.example.org"), NOW.minus(Duration.ofDays(1)),
        NOW.plus(Duration.ofDays(90)));
    assertTrue(problem(other.key().getPrivate(), List.of(server.certificate(), ca.certificate())).contains("key does not belong"));
    assertTrue(problem(server.key().getPrivate(), List.of(server.certificate(), other.certificate())).contains("not signed by"));
    assertTrue(problem(expired.key().getPrivate(), List.of(expired.certificate(), ca.certificate())).contains("not valid now"));
    assertTrue(problem(oneName.key().getPrivate(), List.of(oneName.certificate(), ca.certificate()))
        .contains("does not name www.example.org"));
    assertTrue(problem(server.key().getPrivate(), List.of()).contains("no certificate"));
  }

  private static String problem(java.security.PrivateKey key, List<java.security.cert.X509Certificate> chain) {
    return CertificateCheck.problem(key, chain, NAMES, NOW).orElse("no problem");
  }
}
