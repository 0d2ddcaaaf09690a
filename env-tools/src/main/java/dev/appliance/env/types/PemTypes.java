package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType;
import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.types.PemMaterial.PemException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Optional;

/** Value types for PEM blocks, which must parse. Private keys are secrets. */
public final class PemTypes {

  private PemTypes() {}

  /** A PEM private key without a passphrase. */
  public static ScalarType privateKey() {
    return rsaPrivateKey(0);
  }

  /** A PEM private key; when {@code minRsaBits} is above 0 it must be RSA of at least that size. */
  public static ScalarType rsaPrivateKey(int minRsaBits) {
    String description = minRsaBits > 0 ? "a PEM RSA private key of at least " + minRsaBits + " bits" : "a PEM private key";
    return TextType.of(description, true, text -> privateKeyProblem(text, minRsaBits));
  }

  /** One or more PEM certificates, the server's first. */
  public static ScalarType certificates() {
    return TextType.of("PEM certificates (the full chain, leaf first)", false, text -> {
      try {
        PemMaterial.certificates(text);
        return Optional.empty();
      } catch (PemException e) {
        return Complaint.of(e.getMessage(), e.fix());
      }
    });
  }

  /** Why {@code text} is not a usable private key (RSA of {@code minRsaBits} or more, when above 0), if it is not. */
  static Optional<Complaint> privateKeyProblem(String text, int minRsaBits) {
    try {
      PrivateKey key = PemMaterial.privateKey(text);
      if (minRsaBits > 0 && !(key instanceof RSAPrivateKey rsa && rsa.getModulus().bitLength() >= minRsaBits)) {
        return Complaint.of("should be an RSA key of at least " + minRsaBits + " bits",
            "generate one with 'openssl genrsa " + Math.max(2048, minRsaBits) + "'");
      }
      return Optional.empty();
    } catch (PemException e) {
      return Complaint.of(e.getMessage(), e.fix());
    }
  }
}
