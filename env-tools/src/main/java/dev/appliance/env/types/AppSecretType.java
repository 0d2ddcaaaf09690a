package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/**
 * A secret handed to the application: a token or password (strength-checked), an ASCII-armored OpenPGP secret
 * key, or a PEM private key; keys must parse.
 */
public final class AppSecretType extends TextType {

  static final String PGP_SECRET_KEY = "-----BEGIN PGP PRIVATE KEY BLOCK-----";

  public AppSecretType() {
    super("a secret (token of at least 16 characters, PEM private key or OpenPGP secret key)", true);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    if (text.contains(PGP_SECRET_KEY)) {
      try {
        new BcOpenPGPApi().readKeyOrCertificate().parseKey(text);
        return Optional.empty();
      } catch (IOException | RuntimeException e) {
        return Complaint.of("is a damaged OpenPGP secret key", "export it again with 'gpg --armor --export-secret-keys KEYID'");
      }
    }
    if (text.contains("-----BEGIN ")) {
      return PemTypes.privateKeyProblem(text, 0);
    }
    return SecretType.strength(text, 16);
  }
}
