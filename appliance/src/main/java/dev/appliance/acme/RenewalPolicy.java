package dev.appliance.acme;

import dev.appliance.tls.CertificateCheck;
import dev.appliance.tls.ServerCertificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When the served certificate is renewed: at once when it is the placeholder, lacks a name or has another key type
 * than the env asks for; otherwise once less than a third of its lifetime is left (day 60 of Let's Encrypt's 90, as
 * certbot does), or earlier when the CA's renewal information (ARI) suggests it.
 */
public final class RenewalPolicy {

  private RenewalPolicy() {}

  /** Whether to order now, and why. */
  public record Decision(boolean due, String reason) {}

  public static Decision decide(Optional<X509Certificate> served, List<String> names, KeyType keyType, Instant now) {
    if (served.isEmpty()) {
      return new Decision(true, "no certificate is installed");
    }
    X509Certificate certificate = served.get();
    if (ServerCertificate.selfSigned(certificate)) {
      return new Decision(true, "the self-signed placeholder is served");
    }
    List<String> missing = CertificateCheck.missing(certificate, names);
    if (!missing.isEmpty()) {
      return new Decision(true, "the certificate does not name " + String.join(", ", missing));
    }
    if (!keyType.matches(certificate.getPublicKey())) {
      return new Decision(true, "the certificate's key is not " + keyType);
    }
    Instant renewFrom = renewFrom(certificate);
    return !now.isBefore(renewFrom)
        ? new Decision(true, "less than a third of its lifetime is left (it expires " + certificate.getNotAfter().toInstant() + ")")
        : new Decision(false, "valid until " + certificate.getNotAfter().toInstant() + ", renewed from " + renewFrom);
  }

  /** The CA's suggestion (ARI) wins when it comes earlier. */
  public static Decision withSuggestion(Decision decision, Optional<Instant> suggested, Instant now) {
    return !decision.due() && suggested.isPresent() && !now.isBefore(suggested.get())
        ? new Decision(true, "the CA suggests renewing it now (renewal information, from " + suggested.get() + ")")
        : decision;
  }

  static Instant renewFrom(X509Certificate certificate) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    return notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3));
  }
}
