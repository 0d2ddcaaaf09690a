package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.secrets.Pem;
import dev.appliance.env.types.PemMaterial;
import dev.appliance.host.HostRoot;
import dev.appliance.host.Ownership;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
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
 * The front proxy's key and certificate chain in {@code /data/tls}: the operator's own from the env; else the best
 * valid pair of those kept (the one served, the newest issued by the ACME CA, the one served before it), valid for the
 * domain for more than a day; else a self-signed placeholder, so that the front always starts. The served key is
 * readable by the front's nginx (group www-data, 33); the kept pairs by root alone.
 */
public final class ServerCertificate {

  /** Where the certificate in use came from. */
  public enum Origin { ENV, EXISTING, ISSUED, PREVIOUS, SELF_SIGNED }

  /** nginx's group in the front image (www-data in Debian). */
  static final int NGINX_GID = 33;
  static final Duration PLACEHOLDER_VALIDITY = Duration.ofDays(365);
  static final Duration MINIMUM_LEFT = Duration.ofDays(1);

  private final HostRoot root;

  public ServerCertificate(HostRoot root) {
    this.root = root;
  }

  /** A key and chain kept in {@code /data/tls} under one name. */
  private record Pair(Origin origin, Path key, Path chain) {}

  private Pair served() {
    return pair(Origin.EXISTING, "server");
  }

  private Pair pair(Origin origin, String name) {
    return new Pair(origin, root.tls().resolve(name + ".key"), root.tls().resolve(name + ".crt"));
  }

  public Path keyFile() {
    return served().key();
  }

  public Path certificateFile() {
    return served().chain();
  }

  /**
   * Whether what is installed is what {@link #prepare} would install: the env's own pair, or (without one) the best
   * valid certificate for the domain; empty when prepare must act.
   */
  public Optional<String> inPlace(EnvConfig env, Instant now) throws IOException {
    if (!ownedAsNginxNeeds()) {
      return Optional.empty();
    }
    Optional<EnvConfig.KeyAndCertificate> own = env.appliance().ssl().own();
    if (own.isPresent()) {
      boolean same = Files.readString(keyFile()).equals(own.get().key().reveal())
          && Files.readString(certificateFile()).equals(own.get().certificates());
      return same ? Optional.of("the env's own certificate") : Optional.empty();
    }
    return best(env.appliance().domain().name(), now).filter(p -> p.origin() == Origin.EXISTING)
        .map(p -> "valid until " + current().orElseThrow().getNotAfter().toInstant());
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
    prepareDirectory();
    String domain = env.appliance().domain().name();
    Optional<EnvConfig.KeyAndCertificate> own = env.appliance().ssl().own();
    Origin origin;
    if (own.isPresent()) {
      serve(own.get().key().reveal(), own.get().certificates());
      origin = Origin.ENV;
    } else {
      Optional<Pair> best = best(domain, now);
      if (best.isPresent()) {
        origin = best.get().origin();
        if (origin != Origin.EXISTING) {
          serve(Files.readString(best.get().key()), Files.readString(best.get().chain()));
        }
      } else {
        selfSigned(domain, now);
        origin = Origin.SELF_SIGNED;
      }
    }
    ownServed();
    return origin;
  }

  /**
   * Serves a new key and chain (checked by the caller): kept first as the issued pair, so that a crash before the
   * switch still finds it, then the served pair becomes the previous one, and the new one is served. The front
   * reads the files on its next reload.
   */
  public void install(String keyPem, String chainPem, Instant now) throws IOException {
    prepareDirectory();
    Pair issued = pair(Origin.ISSUED, "issued");
    root.files().write(issued.key(), "rw-------", keyPem);
    root.files().write(issued.chain(), "rw-------", chainPem);
    if (valid(served(), null, now) && !selfSigned(current().orElseThrow())) {
      Pair previous = pair(Origin.PREVIOUS, "previous");
      root.files().write(previous.key(), "rw-------", Files.readString(keyFile()));
      root.files().write(previous.chain(), "rw-------", Files.readString(certificateFile()));
    }
    serve(keyPem, chainPem);
    ownServed();
  }

  /** The certificate in use, if there is one that can be read. */
  public Optional<X509Certificate> current() {
    return leaf(served());
  }

  private void prepareDirectory() throws IOException {
    root.files().createDirectories(root.tls());
    root.files().own(root.tls(), 0, NGINX_GID, "rwxr-x---");
  }

  private void ownServed() throws IOException {
    root.files().own(keyFile(), 0, NGINX_GID, "rw-r-----");
    root.files().own(certificateFile(), 0, 0, "rw-r--r--");
  }

  /**
   * Of the kept pairs valid for {@code domain}, one from a CA before a self-signed one, then the one issued last (the
   * served one on a tie): a renewal is never swapped back for an older certificate that happens to last longer.
   */
  private Optional<Pair> best(String domain, Instant now) {
    Comparator<Pair> rank = Comparator.<Pair, Boolean>comparing(p -> !selfSigned(leaf(p).orElseThrow()))
        .thenComparing(p -> leaf(p).orElseThrow().getNotBefore());
    return Stream.of(served(), pair(Origin.ISSUED, "issued"), pair(Origin.PREVIOUS, "previous"))
        .filter(p -> valid(p, domain, now))
        .reduce((a, b) -> rank.compare(b, a) > 0 ? b : a);
  }

  /** The placeholder, or any certificate that vouches for itself. */
  public static boolean selfSigned(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
  }

  private static Optional<X509Certificate> leaf(Pair pair) {
    try {
      if (!Files.isRegularFile(pair.chain())) {
        return Optional.empty();
      }
      List<X509Certificate> chain = PemMaterial.certificates(Files.readString(pair.chain()));
      return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
    } catch (IOException | PemMaterial.PemException e) {
      return Optional.empty();
    }
  }

  /** Key matches, more than a day left, and (unless {@code domain} is null) the domain named. */
  private static boolean valid(Pair pair, String domain, Instant now) {
    Optional<X509Certificate> certificate = leaf(pair);
    if (certificate.isEmpty() || !Files.isRegularFile(pair.key())) {
      return false;
    }
    try {
      if (!PemMaterial.matches(PemMaterial.privateKey(Files.readString(pair.key())), certificate.get())) {
        return false;
      }
    } catch (IOException | PemMaterial.PemException e) {
      return false;
    }
    return certificate.get().getNotAfter().toInstant().isAfter(now.plus(MINIMUM_LEFT))
        && (domain == null || CertificateCheck.dnsNames(certificate.get()).contains(domain.toLowerCase()));
  }

  private void serve(String keyPem, String chainPem) throws IOException {
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
      serve(Pem.write(new JcaPKCS8Generator(pair.getPrivate(), null)), Pem.write(certificate));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("cannot create the placeholder certificate: " + e.getMessage(), e);
    }
  }
}
