package dev.appliance.tls;

import dev.appliance.env.model.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A client certificate just issued: a new EC P-256 key and a certificate for it signed by the client CA, for TLS
 * client authentication only ({@code CN=NAME}, with the e-mail address in the subject and as its alternative name),
 * and its index entry. It leaves the appliance only as a PKCS#12 file; the key is kept nowhere else.
 */
public record NewClientCertificate(PrivateKey key, X509Certificate certificate, IssuedCertificate entry) {

  /** Signs a certificate for {@code name} valid from {@code now} for {@code validity}. */
  public static NewClientCertificate issue(ClientCa ca, String name, Optional<String> email, Duration validity,
      Instant now, SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair pair = ec.generateKeyPair();
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name);
    email.ifPresent(e -> subject.addRDN(BCStyle.EmailAddress, e));
    X500Name dn = subject.build();
    BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
    // Five minutes back, so that a client whose clock is a little behind accepts it at once.
    Instant notBefore = now.minus(Duration.ofMinutes(5));
    Instant notAfter = now.plus(validity);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    try {
      var builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial, Date.from(notBefore), Date.from(notAfter),
          dn, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
          .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca.certificate()));
      if (email.isPresent()) {
        builder.addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(new GeneralName(GeneralName.rfc822Name, email.get())));
      }
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(ca.signer()));
      return new NewClientCertificate(pair.getPrivate(), certificate, new IssuedCertificate(
          IssuedCertificate.serialText(serial), name, dn.toString(), email, notBefore, notAfter, Optional.empty()));
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot write the client certificate's extensions: " + e.getMessage(), e);
    }
  }

  /** The key with the certificate and the CA's, as a PKCS#12 file protected by {@code passphrase}. */
  public byte[] pkcs12(ClientCa ca, Secret passphrase) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    char[] secret = passphrase.reveal().toCharArray();
    store.setKeyEntry(entry.name(), key, secret, new Certificate[] {certificate, ca.certificate()});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.store(out, secret);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "NewClientCertificate[" + entry + ", key=[REDACTED]]";
  }
}
