package dev.appliance.env.secrets;

import dev.appliance.stack.Stack.SecretRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Generates the secrets a stack declares in x-appliance/secrets, by their kind. */
public final class AppSecrets {

  private AppSecrets() {}

  /** A new value for {@code request}: a password, a token, a PEM RSA key or an armored OpenPGP secret key. */
  public static String generate(SecretRequest request, String domain, SecretGenerator generator, java.time.Instant now)
      throws GeneralSecurityException, PGPException, IOException {
    return switch (request.kind()) {
      case PASSWORD -> generator.token(32);
      case TOKEN -> generator.token(50);
      case RSA_KEY -> {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(3072, generator.random());
        yield Pem.write(new JcaPKCS8Generator(rsa.generateKeyPair().getPrivate(), null));
      }
      case OPENPGP_KEY -> {
        String mailbox = request.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        yield OpenPgpKey.generate(domain + " " + request.name() + " <" + mailbox + "@" + domain + ">", now).secretKeyArmored();
      }
    };
  }
}
