package dev.appliance.tls;

import dev.appliance.env.types.PemMaterial;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a new key and chain must be before they replace the served ones: the key belongs to the first certificate,
 * every certificate is signed by the next and valid now, and the first names every name asked for. Whether the root
 * is trusted is for the browsers to say; a chain that fails here would break the front, and is never installed.
 */
public final class CertificateCheck {

  /** How far ahead of this machine's clock a CA's may be: a certificate issued a second ago must not fail. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private CertificateCheck() {}

  /** Why {@code chain} with {@code key} must not be served for {@code names} at {@code now}; empty when it may. */
  public static Optional<String> problem(PrivateKey key, List<X509Certificate> chain, List<String> names, Instant now) {
    if (chain.isEmpty()) {
      return Optional.of("the chain holds no certificate");
    }
    X509Certificate leaf = chain.get(0);
    if (!PemMaterial.matches(key, leaf)) {
      return Optional.of("the key does not belong to the certificate");
    }
    for (int i = 0; i < chain.size(); i++) {
      X509Certificate certificate = chain.get(i);
      if (!certificate.getNotAfter().toInstant().isAfter(now)
          || certificate.getNotBefore().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
        return Optional.of("certificate " + (i + 1) + " of the chain (" + certificate.getSubjectX500Principal().getName()
            + ") is not valid now: it runs from " + certificate.getNotBefore().toInstant() + " to "
            + certificate.getNotAfter().toInstant());
      }
      if (i + 1 < chain.size()) {
        try {
          certificate.verify(chain.get(i + 1).getPublicKey());
        } catch (GeneralSecurityException e) {
          return Optional.of("certificate " + (i + 1) + " of the chain is not signed by certificate " + (i + 2));
        }
      }
    }
    List<String> missing = missing(leaf, names);
    return missing.isEmpty() ? Optional.empty() : Optional.of("the certificate does not name " + String.join(", ", missing));
  }

  /** Which of {@code names} {@code certificate} does not name. */
  public static List<String> missing(X509Certificate certificate, List<String> names) {
    List<String> missing = new ArrayList<>(names);
    missing.removeAll(dnsNames(certificate));
    return missing;
  }

  /** The DNS names of {@code certificate}'s subject alternative names. */
  public static List<String> dnsNames(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of()
          : names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0))).map(n -> ((String) n.get(1)).toLowerCase()).toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }
}
