package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.secrets.Pem;
import dev.appliance.env.types.PemMaterial;
import dev.appliance.host.HostRoot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The client-certificate CA's certificate and revocation list in {@code /data/ca}, which the front proxy checks
 * client certificates against. The CRL belongs to the application (it revokes); the appliance only writes an empty
 * one, signed by the CA, when there is none from this CA, because nginx refuses every client without a valid CRL.
 */
public final class ClientCaFiles {

  private final HostRoot root;

  public ClientCaFiles(HostRoot root) {
    this.root = root;
  }

  public Path certificateFile() {
    return root.clientCa().resolve("ca.crt");
  }

  public Path crlFile() {
    return root.clientCa().resolve("crl.pem");
  }

  /** Whether the env's CA certificate is in place with a current CRL from it, as {@link #prepare} leaves them. */
  public boolean current(EnvConfig.KeyAndCertificate ca, Instant now) throws IOException {
    if (!Files.isRegularFile(certificateFile()) || !Files.readString(certificateFile()).equals(ca.certificates())
        || !root.ownership().has(root.clientCa(), 0, 0, "rwxr-xr-x")) {
      return false;
    }
    try {
      return currentCrlFrom(PemMaterial.certificates(ca.certificates()).get(0), now);
    } catch (PemMaterial.PemException e) {
      return false;
    }
  }

  /** Writes the CA certificate from the env, and an empty CRL unless a current one from this CA is there. */
  public void prepare(EnvConfig.KeyAndCertificate ca, Instant now) throws IOException, GeneralSecurityException {
    root.files().createDirectories(root.clientCa());
    root.files().own(root.clientCa(), 0, 0, "rwxr-xr-x");
    X509Certificate certificate;
    PrivateKey key;
    try {
      certificate = PemMaterial.certificates(ca.certificates()).get(0);
      key = PemMaterial.privateKey(ca.key().reveal());
    } catch (PemMaterial.PemException e) {
      throw new GeneralSecurityException("the env's client-certificate CA cannot be read: " + e.getMessage(), e);
    }
    root.files().write(certificateFile(), "rw-r--r--", ca.certificates());
    if (!currentCrlFrom(certificate, now)) {
      var builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
      builder.setNextUpdate(certificate.getNotAfter());
      String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
      try {
        root.files().write(crlFile(), "rw-r--r--", Pem.write(builder.build(new JcaContentSignerBuilder(algorithm).setProvider(new BouncyCastleProvider()).build(key))));
      } catch (OperatorCreationException e) {
        throw new GeneralSecurityException("cannot sign the empty CRL: " + e.getMessage(), e);
      }
    }
  }

  private boolean currentCrlFrom(X509Certificate ca, Instant now) throws IOException {
    if (!Files.isRegularFile(crlFile())) {
      return false;
    }
    try {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
          .generateCRL(new ByteArrayInputStream(Files.readAllBytes(crlFile())));
      crl.verify(ca.getPublicKey());
      return crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isAfter(now);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
