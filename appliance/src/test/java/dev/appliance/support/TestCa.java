package dev.appliance.support;

import dev.appliance.env.secrets.Pem;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A root CA of a test's own (EC P-256), whose certificate a client is told to trust, and the server certificates it
 * issues as a public CA would, but for revocation: no CRL or OCSP address, since nothing would answer there.
 */
public final class TestCa {

  /** A server's key and certificate chain in PEM: the leaf alone, as the root is what clients trust. */
  public record Issued(String keyPem, String chainPem) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair pair;
  private final X509CertificateHolder root;
  private final Path certificate;

  private TestCa(KeyPair pair, X509CertificateHolder root, Path certificate) {
    this.pair = pair;
    this.root = root;
    this.certificate = certificate;
  }

  /** A new root valid for a year, its certificate written to {@code dir/ca.crt}. */
  public static TestCa create(Path dir) throws Exception {
    KeyPair pair = ecKey();
    X500Name name = new X500Name("CN=appliance test root, O=appliance tests");
    Instant now = Instant.now();
    X509CertificateHolder root = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofMinutes(5))),
        Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(pair.getPublic()))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    Path certificate = Files.writeString(Files.createDirectories(dir).resolve("ca.crt"), Pem.write(root));
    return new TestCa(pair, root, certificate);
  }

  /** The root's certificate (PEM), for the client to trust. */
  public Path certificate() {
    return certificate;
  }

  /** A TLS context that trusts this root alone. */
  public SSLContext trusting() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("root", new JcaX509CertificateConverter().getCertificate(root));
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** A server certificate for {@code names} (DNS names), valid for 90 days like a Let's Encrypt one. */
  public Issued issue(List<String> names) throws Exception {
    KeyPair server = ecKey();
    Instant now = Instant.now();
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509CertificateHolder leaf = new JcaX509v3CertificateBuilder(root.getSubject(), serial(),
        Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(90))),
        new X500Name("CN=" + names.get(0)), server.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.stream()
            .map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)))
        .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(pair.getPublic()))
        .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(server.getPublic()))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    return new Issued(Pem.write(new JcaPKCS8Generator(server.getPrivate(), null)), Pem.write(leaf));
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return ec.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
