package dev.appliance.acme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.TestCertificates;
import dev.appliance.support.TestCertificates.Issued;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {

  static final Instant ISSUED = Instant.parse("2026-12-01T00:00:00Z");
  static final List<String> NAMES = List.of("app.example.org", "www.example.org");

  static X509Certificate ninetyDays(List<String> names) throws Exception {
    Issued ca = TestCertificates.ca("test CA", ISSUED.minus(Duration.ofDays(1)), ISSUED.plus(Duration.ofDays(365)));
    return TestCertificates.server(ca, names, ISSUED, ISSUED.plus(Duration.ofDays(90))).certificate();
  }

  @Test
  void aCertificateIsRenewedOnceAThirdOfItsLifetimeIsLeft() throws Exception {
    X509Certificate certificate = ninetyDays(NAMES);
    RenewalPolicy.Decision day59 = RenewalPolicy.decide(Optional.of(certificate), NAMES, KeyType.EC_P256,
        ISSUED.plus(Duration.ofDays(59)));
    assertFalse(day59.due(), day59.reason());
    assertTrue(day59.reason().contains("renewed from 2027-01-30T00:00:00Z"), day59.reason());
    assertTrue(RenewalPolicy.decide(Optional.of(certificate), NAMES, KeyType.EC_P256, ISSUED.plus(Duration.ofDays(60))).due());
  }

  @Test
  void thePlaceholderAMissingNameOrAnotherKeyTypeIsRenewedAtOnce() throws Exception {
    Instant now = ISSUED.plus(Duration.ofDays(1));
    Issued self = TestCertificates.ca("app.example.org", ISSUED, ISSUED.plus(Duration.ofDays(365)));
    assertTrue(RenewalPolicy.decide(Optional.of(self.certificate()), NAMES, KeyType.EC_P256, now).reason().contains("placeholder"));
    RenewalPolicy.Decision missing = RenewalPolicy.decide(Optional.of(ninetyDays(List.of("app.example.org"))), NAMES,
        KeyType.EC_P256, now);
    assertTrue(missing.due() && missing.reason().contains("www.example.org"), missing.reason());
    assertTrue(RenewalPolicy.decide(Optional.of(ninetyDays(NAMES)), NAMES, KeyType.RSA_2048, now).due(), "ec key, rsa asked");
    assertTrue(RenewalPolicy.decide(Optional.empty(), NAMES, KeyType.EC_P256, now).due());
  }

  @Test
  void theCasSuggestionWinsWhenItComesEarlier() throws Exception {
    Instant now = ISSUED.plus(Duration.ofDays(30));
    RenewalPolicy.Decision notYet = RenewalPolicy.decide(Optional.of(ninetyDays(NAMES)), NAMES, KeyType.EC_P256, now);
    assertTrue(RenewalPolicy.withSuggestion(notYet, Optional.of(now.minusSeconds(1)), now).due());
    assertFalse(RenewalPolicy.withSuggestion(notYet, Optional.of(now.plusSeconds(60)), now).due());
    assertFalse(RenewalPolicy.withSuggestion(notYet, Optional.empty(), now).due());
  }
}
