package dev.appliance.support;

import dev.appliance.env.secrets.Pem;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys and certificates made for a test: a CA, and server certificates it signs for chosen names and times. */
public final class TestCertificates {

  /** A key and its certificate. */
  public record Issued(KeyPair key, X509Certificate certificate) {

    public String keyPem() throws Exception {
      return Pem.write(new JcaPKCS8Generator(key.getPrivate(), null));
    }

    public String certificatePem() {
      return Pem.write(certificate);
    }
  }

  private TestCertificates() {}

  public static KeyPair ecKey() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    return ec.generateKeyPair();
  }

  /** A CA certificate named {@code name}, valid from {@code from} to {@code to}. */
  public static Issued ca(String name, Instant from, Instant to) throws Exception {
    KeyPair key = ecKey();
    X500Name subject = new X500Name("CN=" + name);
    var holder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(from), Date.from(to), subject, key.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    return new Issued(key, new JcaX509CertificateConverter().getCertificate(holder));
  }

  /** A server certificate for {@code names} signed by {@code ca}, valid from {@code from} to {@code to}. */
  public static Issued server(Issued ca, List<String> names, Instant from, Instant to) throws Exception {
    KeyPair key = ecKey();
    GeneralName[] alternatives = names.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new);
    var holder = new JcaX509v3CertificateBuilder(new X500Name(ca.certificate().getSubjectX500Principal().getName()), serial(),
        Date.from(from), Date.from(to), new X500Name("CN=" + names.get(0)), key.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternatives))
        // What ACME renewal information identifies a certificate by, with its serial.
        .addExtension(Extension.authorityKeyIdentifier, false,
            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key().getPrivate()));
    return new Issued(key, new JcaX509CertificateConverter().getCertificate(holder));
  }

  private static BigInteger serial() {
    return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
  }
}
