package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.TestCas;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevocationListTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static IssuedCertificate entry(String serial, String name, Optional<Instant> revokedAt) {
    return new IssuedCertificate(serial, name, "CN=" + name, Optional.empty(), NOW.minus(Duration.ofDays(10)),
        NOW.plus(Duration.ofDays(355)), revokedAt);
  }

  private static RevocationList signed(ClientCa ca, List<IssuedCertificate> issued, Optional<RevocationList> previous,
      Instant at) throws Exception {
    return RevocationList.read(RevocationList.sign(ca, issued, previous, at).getBytes(StandardCharsets.US_ASCII),
        ca.certificate()).orElseThrow();
  }

  @Test
  void revokesWhatTheIndexMarksRevokedSignedByTheCaForThirtyDays() throws Exception {
    ClientCa ca = ClientCa.of(TestCas.generate("example.org", NOW));
    List<IssuedCertificate> issued = List.of(entry("0A", "alice", Optional.of(NOW.minus(Duration.ofDays(1)))),
        entry("0B", "bob", Optional.empty()), entry("0C", "carol", Optional.of(NOW)));

    RevocationList crl = signed(ca, issued, Optional.empty(), NOW);

    assertEquals(Set.of(BigInteger.valueOf(10), BigInteger.valueOf(12)), crl.serials());
    assertEquals(NOW.minus(Duration.ofDays(1)), crl.crl().getRevokedCertificate(BigInteger.TEN).getRevocationDate().toInstant());
    assertEquals(Optional.of(NOW.plus(Duration.ofDays(30))), crl.nextUpdate());
    assertEquals(Optional.of(NOW.plus(Duration.ofDays(15))), crl.renewFrom());
    assertTrue(RevocationList.read(RevocationList.sign(ca, issued, Optional.empty(), NOW).getBytes(StandardCharsets.US_ASCII),
        ClientCa.of(TestCas.generate("other.org", NOW)).certificate()).isEmpty(), "another CA's signature is not this CA's CRL");
  }

  @Test
  void currentUntilHalfItsValidityIsLeftAndWhileItRevokesEveryRevokedSerial() throws Exception {
    ClientCa ca = ClientCa.of(TestCas.generate("example.org", NOW));
    List<IssuedCertificate> issued = List.of(entry("0A", "alice", Optional.of(NOW)));
    RevocationList crl = signed(ca, issued, Optional.empty(), NOW);

    assertTrue(crl.current(issued, NOW.plus(Duration.ofDays(14))));
    assertFalse(crl.current(issued, NOW.plus(Duration.ofDays(15))), "half of the 30 days left: due");
    List<IssuedCertificate> more = List.of(issued.get(0), entry("0B", "bob", Optional.of(NOW)));
    assertFalse(crl.current(more, NOW), "a revocation the CRL lacks");
  }

  @Test
  void aNewCrlKeepsThePreviousOnesRevocationsAndCountsOn() throws Exception {
    ClientCa ca = ClientCa.of(TestCas.generate("example.org", NOW));
    RevocationList first = signed(ca, List.of(entry("0A", "alice", Optional.of(NOW))), Optional.empty(), NOW);

    RevocationList second = signed(ca, List.of(entry("0B", "bob", Optional.of(NOW))), Optional.of(first),
        NOW.plus(Duration.ofDays(16)));

    assertEquals(Set.of(BigInteger.valueOf(10), BigInteger.valueOf(11)), second.serials(), "alice's entry is not forgotten");
    assertEquals(Optional.of(NOW.plus(Duration.ofDays(46))), second.nextUpdate());
    assertEquals("2", crlNumber(second), "the CRL number goes up");
  }

  private static String crlNumber(RevocationList crl) {
    byte[] value = crl.crl().getExtensionValue("2.5.29.20");
    return org.bouncycastle.asn1.ASN1Integer.getInstance(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets()).getValue().toString();
  }
}
