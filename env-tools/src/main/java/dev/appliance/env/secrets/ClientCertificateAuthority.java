package dev.appliance.env.secrets;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority that signs the users' client certificates: ECDSA P-256, valid for ten years, allowed to
 * sign certificates and CRLs but no further CAs.
 *
 * @param certificatePem the CA certificate
 * @param privateKeyPem the CA private key (PKCS#8), a secret
 */
public record ClientCertificateAuthority(String certificatePem, String privateKeyPem) {

  static final Duration VALIDITY = Duration.ofDays(3653);

  /** Generates a CA named after {@code domain}. */
  public static ClientCertificateAuthority generate(String domain, SecretGenerator generator, Instant now)
      throws GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), generator.random());
    KeyPair pair = ec.generateKeyPair();
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, domain)
        .addRDN(BCStyle.CN, domain + " client certificate CA")
        .build();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(name, new BigInteger(127, generator.random()).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      return new ClientCertificateAuthority(Pem.write(certificate), Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null)));
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("cannot create the client-certificate CA: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ClientCertificateAuthority[privateKeyPem=[REDACTED]]";
  }
}
