package dev.appliance.tls;

import dev.appliance.env.secrets.Pem;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;

/**
 * The client CA's revocation list. nginx refuses every client certificate once the CRL's next-update has passed, so
 * each one is valid for {@link #VALIDITY} and re-signed when less than half of that is left. It holds every serial
 * the index marks revoked, and keeps the entries of the CRL it replaces: a re-signed CRL never forgets a revocation.
 *
 * @param crl the list as nginx reads it
 */
public record RevocationList(X509CRL crl) {

  static final Duration VALIDITY = Duration.ofDays(30);
  static final Duration RENEW_WHEN_LEFT = VALIDITY.dividedBy(2);

  /** The CRL in {@code pem}, if it is one that {@code ca} signed. */
  public static Optional<RevocationList> read(byte[] pem, X509Certificate ca) {
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(pem));
      crl.verify(ca.getPublicKey());
      return Optional.of(new RevocationList(crl));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A CRL signed by {@code ca} at {@code now} revoking what {@code issued} marks revoked, each serial with its time,
   * and whatever {@code previous} revoked.
   */
  public static String sign(ClientCa ca, List<IssuedCertificate> issued, Optional<RevocationList> previous, Instant now)
      throws GeneralSecurityException {
    Map<BigInteger, Date> entries = new TreeMap<>();
    previous.ifPresent(p -> p.entries().forEach(e -> entries.put(e.getSerialNumber(), e.getRevocationDate())));
    issued.forEach(c -> c.revokedAt().ifPresent(at -> entries.put(c.serialNumber(), Date.from(at))));
    var builder = new JcaX509v2CRLBuilder(ca.certificate(), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
    entries.forEach((serial, at) -> builder.addCRLEntry(serial, at, CRLReason.unspecified));
    BigInteger number = previous.flatMap(RevocationList::number).orElse(BigInteger.ZERO).add(BigInteger.ONE);
    try {
      builder.addExtension(Extension.cRLNumber, false, new ASN1Integer(number));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("cannot write the CRL's extensions: " + e.getMessage(), e);
    }
    return Pem.write(builder.build(ca.signer()));
  }

  private Set<X509CRLEntry> entries() {
    return Optional.ofNullable(crl.getRevokedCertificates()).map(s -> (Set<X509CRLEntry>) Set.copyOf(s)).orElse(Set.of());
  }

  /** The serials it revokes. */
  public Set<BigInteger> serials() {
    return entries().stream().map(X509CRLEntry::getSerialNumber).collect(Collectors.toSet());
  }

  /** Its next-update; none for a CRL that never expires. */
  public Optional<Instant> nextUpdate() {
    return Optional.ofNullable(crl.getNextUpdate()).map(Date::toInstant);
  }

  /** From when on it is re-signed: when less than half of {@link #VALIDITY} is left. */
  public Optional<Instant> renewFrom() {
    return nextUpdate().map(next -> next.minus(RENEW_WHEN_LEFT));
  }

  /**
   * Whether it needs no new signature at {@code now}: far from its next-update, and revoking every certificate that
   * {@code issued} marks revoked.
   */
  public boolean current(List<IssuedCertificate> issued, Instant now) {
    return renewFrom().map(now::isBefore).orElse(true) && serials().containsAll(
        issued.stream().filter(IssuedCertificate::revoked).map(IssuedCertificate::serialNumber).toList());
  }

  private Optional<BigInteger> number() {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ASN1Integer.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets())
          .getValue());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
