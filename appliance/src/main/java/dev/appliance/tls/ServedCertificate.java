package dev.appliance.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The leaf certificate the front proxy served at a handshake, as {@code status} and the metrics show it. The times are
 * ISO-8601 texts, as status writes every time.
 *
 * @param subject and {@code issuer} as RFC 2253 names ({@code CN=example.org}, {@code CN=R11,O=Let's Encrypt,C=US})
 * @param names the DNS names of its subject alternative names
 * @param sha256 the fingerprint of its DER encoding, as {@code openssl x509 -noout -fingerprint -sha256} prints it
 */
public record ServedCertificate(String subject, String issuer, String notBefore, String notAfter, List<String> names,
    String sha256) {

  public ServedCertificate {
    names = List.copyOf(names);
  }

  public static ServedCertificate of(X509Certificate certificate) throws CertificateEncodingException {
    return new ServedCertificate(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253),
        certificate.getIssuerX500Principal().getName(X500Principal.RFC2253),
        certificate.getNotBefore().toInstant().toString(), certificate.getNotAfter().toInstant().toString(),
        CertificateCheck.dnsNames(certificate), fingerprint(certificate.getEncoded()));
  }

  public Instant expires() {
    return Instant.parse(notAfter);
  }

  /** From not-before to not-after: 90 days for Let's Encrypt's, 365 for the appliance's placeholder. */
  public Duration lifetime() {
    return Duration.between(Instant.parse(notBefore), expires());
  }

  /** {@code CN=x, issued by CN=y, expires 2027-02-01 (61 days)}, the days counted from {@code now}. */
  public String describe(Instant now) {
    return subject + ", issued by " + issuer + ", " + expiry(now);
  }

  /** {@code expires 2027-02-01 (61 days)}, or {@code expired 2027-02-01 (3 days ago)}. */
  public String expiry(Instant now) {
    long days = Duration.between(now, expires()).toDays();
    String date = expires().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    return now.isBefore(expires()) ? "expires " + date + " (" + days(days) + ")"
        : "expired " + date + " (" + days(-days) + " ago)";
  }

  private static String days(long days) {
    return days == 1 ? "1 day" : days + " days";
  }


  private static String fingerprint(byte[] der) {
    try {
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
