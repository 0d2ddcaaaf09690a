package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.secrets.Pem;
import dev.appliance.env.types.PemMaterial;
import dev.appliance.host.HostRoot;
import dev.appliance.host.HostFiles;
import dev.appliance.host.Ownership;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The front proxy's key and certificate chain in {@code /data/tls}: the operator's own from the env, else whatever
 * is there and still valid for the domain for more than a day, else a self-signed placeholder, so that the front
 * always starts. The key is readable by the front's nginx (group www-data, 33) and nobody else.
 */
public final class ServerCertificate {

  /** Where the certificate in use came from. */
  public enum Origin { ENV, EXISTING, SELF_SIGNED }

  /** nginx's group in the front image (www-data in Debian). */
  static final int NGINX_GID = 33;
  static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(365);
  static final Duration MINIMUM_LEFT = Duration.ofDays(1);

  private final HostRoot root;

  public ServerCertificate(HostRoot root) {
    this.root = root;
  }

  public Path keyFile() {
    return root.tls().resolve("server.key");
  }

  public Path certificateFile() {
    return root.tls().resolve("server.crt");
  }

  /**
   * Whether what is installed is what {@link #prepare} would install: the env's own pair, or (without one) a valid
   * certificate for the domain; empty when prepare must act.
   */
  public Optional<String> inPlace(EnvConfig env, Instant now) throws IOException {
    if (!ownedAsNginxNeeds()) {
      return Optional.empty();
    }
    Optional<EnvConfig.KeyAndCertificate> own = env.appliance().ssl().own();
    if (own.isPresent()) {
      boolean same = Files.isRegularFile(keyFile()) && Files.isRegularFile(certificateFile())
          && Files.readString(keyFile()).equals(own.get().key().reveal())
          && Files.readString(certificateFile()).equals(own.get().certificates());
      return same ? Optional.of("the env's own certificate") : Optional.empty();
    }
    return currentValid(env.appliance().domain().name(), now)
        ? Optional.of("valid until " + current().orElseThrow().getNotAfter().toInstant()) : Optional.empty();
  }

  /** Whether the directory, key and chain have the owners and modes {@link #prepare} gives them. */
  private boolean ownedAsNginxNeeds() throws IOException {
    Ownership owners = root.ownership();
    return Files.isDirectory(root.tls()) && Files.isRegularFile(keyFile()) && Files.isRegularFile(certificateFile())
        && owners.has(root.tls(), 0, NGINX_GID, "rwxr-x---") && owners.has(keyFile(), 0, NGINX_GID, "rw-r-----")
        && owners.has(certificateFile(), 0, 0, "rw-r--r--");
  }

  /** Puts a usable key and certificate in place for {@code env}'s domain. */
  public Origin prepare(EnvConfig env, Instant now) throws IOException, GeneralSecurityException {
    HostFiles files = root.files();
    files.createDirectories(root.tls());
    files.own(root.tls(), 0, NGINX_GID, "rwxr-x---");
    String domain = env.appliance().domain().name();
    Optional<EnvConfig.KeyAndCertificate> own = env.appliance().ssl().own();
    Origin origin;
    if (own.isPresent()) {
      install(own.get().key().reveal(), own.get().certificates());
      origin = Origin.ENV;
    } else if (currentValid(domain, now)) {
      origin = Origin.EXISTING;
    } else {
      selfSigned(domain, now);
      origin = Origin.SELF_SIGNED;
    }
    files.own(keyFile(), 0, NGINX_GID, "rw-r-----");
    files.own(certificateFile(), 0, 0, "rw-r--r--");
    return origin;
  }

  /** The certificate in use, if there is one that can be read. */
  public Optional<X509Certificate> current() {
    try {
      if (!Files.isRegularFile(certificateFile())) {
        return Optional.empty();
      }
      List<X509Certificate> chain = PemMaterial.certificates(Files.readString(certificateFile()));
      return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    } catch (IOException | PemMaterial.PemException e) {
      return Optional.empty();
    }
  }

  private boolean currentValid(String domain, Instant now) throws IOException {
    Optional<X509Certificate> certificate = current();
    if (certificate.isEmpty() || !Files.isRegularFile(keyFile())) {
      return false;
    }
    try {
      if (!PemMaterial.matches(PemMaterial.privateKey(Files.readString(keyFile())), certificate.get())) {
        return false;
      }
    } catch (PemMaterial.PemException e) {
      return false;
    }
    return certificate.get().getNotAfter().toInstant().isAfter(now.plus(MINIMUM_LEFT))
        && names(certificate.get()).contains(domain);
  }

  private static List<String> names(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names == null ? List.of()
          : names.stream().filter(n -> Integer.valueOf(GeneralName.dNSName).equals(n.get(0))).map(n -> (String) n.get(1)).toList();
    } catch (CertificateParsingException e) {
      return List.of();
    }
  }

  private void install(String keyPem, String chainPem) throws IOException {
    root.files().write(keyFile(), "rw-r-----", keyPem);
    root.files().write(certificateFile(), "rw-r--r--", chainPem);
  }

  private void selfSigned(String domain, Instant now) throws IOException, GeneralSecurityException {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"), random);
    KeyPair pair = ec.generateKeyPair();
    X500Name name = new X500Name("CN=" + domain + ", O=appliance placeholder");
    try {
      var certificate = new JcaX509v3CertificateBuilder(name, new BigInteger(127, random).add(BigInteger.ONE),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(PLACEHOLDER_VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, domain)))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      install(Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null)), Pem.write(certificate));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot create the placeholder certificate: " + e.getMessage(), e);
    }
  }
}
