package dev.appliance.env.secrets;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * An RSA-2048 DKIM key: the private key (PEM, PKCS#8) for the mail signer, and the public key for the DNS record.
 *
 * @param privateKeyPem the private key, a secret
 * @param publicKeyBase64 the DER public key in base64, the {@code p=} value of the DKIM record
 */
public record DkimKey(String privateKeyPem, String publicKeyBase64) {

  /** Generates a new key with {@code generator}'s random source. */
  public static DkimKey generate(SecretGenerator generator) throws GeneralSecurityException, java.io.IOException {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048, generator.random());
    KeyPair pair = rsa.generateKeyPair();
    String pem = Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null));
    return new DkimKey(pem, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
  }

  @Override
  public String toString() {
    return "DkimKey[privateKeyPem=[REDACTED], publicKeyBase64=" + publicKeyBase64 + "]";
  }
}
