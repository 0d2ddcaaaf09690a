package dev.appliance.tls;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.types.PemMaterial;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The env's client-certificate CA as a signer: its certificate and the private key that belongs to it, checked to be
 * able to sign client certificates and revocation lists before anything is signed.
 */
public final class ClientCa {

  static final String CERT_KEY = "appliance/ssl/client_ca/cert";
  static final String KEY_KEY = "appliance/ssl/client_ca/key";

  /** The env's CA cannot sign; {@link #envKey()} names the env key to fix. */
  public static final class UnusableCaException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    private final String envKey;

    UnusableCaException(String envKey, String problem) {
      super(envKey + " in the active env " + problem + "; fix it (env-new writes a working CA), then run:"
          + " appliance prepare-env");
      this.envKey = envKey;
    }

    public String envKey() {
      return envKey;
    }
  }

  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

  private final String certificatesPem;
  private final X509Certificate certificate;
  private final PrivateKey key;

  private ClientCa(String certificatesPem, X509Certificate certificate, PrivateKey key) {
    this.certificatesPem = certificatesPem;
    this.certificate = certificate;
    this.key = key;
  }

  /** The CA in {@code ca}, or why it cannot sign. */
  public static ClientCa of(EnvConfig.KeyAndCertificate ca) throws UnusableCaException {
    X509Certificate certificate;
    PrivateKey key;
    try {
      certificate = PemMaterial.certificates(ca.certificates()).get(0);
    } catch (PemMaterial.PemException e) {
      throw new UnusableCaException(CERT_KEY, e.getMessage());
    }
    try {
      key = PemMaterial.privateKey(ca.key().reveal());
    } catch (PemMaterial.PemException e) {
      throw new UnusableCaException(KEY_KEY, e.getMessage());
    }
    if (!PemMaterial.matches(key, certificate)) {
      throw new UnusableCaException(KEY_KEY, "is not the private key of " + CERT_KEY);
    }
    boolean[] usage = certificate.getKeyUsage();
    // keyUsage bits 5 and 6: keyCertSign and cRLSign; without the extension every use is allowed.
    if (certificate.getBasicConstraints() < 0 || usage != null && !(usage[5] && usage[6])) {
      throw new UnusableCaException(CERT_KEY, "is not a CA certificate allowed to sign certificates and CRLs");
    }
    ClientCa signer = new ClientCa(ca.certificates(), certificate, key);
    signer.signer();
    return signer;
  }

  /** The CA's certificates as the env holds them (the CA first), which the front checks client certificates against. */
  public String certificatesPem() {
    return certificatesPem;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A signer with the CA's key (SHA-256 with its algorithm). */
  ContentSigner signer() throws UnusableCaException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> throw new UnusableCaException(KEY_KEY, "is a " + key.getAlgorithm() + " key, which cannot sign here;"
          + " use an EC, RSA or Ed25519 key");
    };
    try {
      return new JcaContentSignerBuilder(algorithm).setProvider(PROVIDER).build(key);
    } catch (OperatorCreationException e) {
      throw new UnusableCaException(KEY_KEY, "cannot sign: " + e.getMessage());
    }
  }
}
