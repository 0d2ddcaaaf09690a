package dev.appliance.env.types;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/** Parses PEM private keys and certificate chains as the env holds them (the PEM text itself). */
public final class PemMaterial {

  private static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();
  private static final String PASTE = "paste each PEM block whole, from -----BEGIN to -----END, under a '|' line";

  private PemMaterial() {}

  /** Thrown when PEM text cannot be used; the message never holds key material. */
  public static final class PemException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fix;

    PemException(String message, String fix) {
      super(message);
      this.fix = fix;
    }

    /** How to fix the PEM text. */
    public String fix() {
      return fix;
    }
  }

  /** The one private key in {@code pem}, which must not be passphrase-protected. */
  public static PrivateKey privateKey(String pem) throws PemException {
    List<Object> objects = objects(pem);
    if (objects.size() != 1) {
      throw new PemException(objects.isEmpty() ? "holds no PEM block" : "holds " + objects.size() + " PEM blocks, not one key", PASTE);
    }
    Object object = objects.get(0);
    if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
      throw new PemException("is protected by a passphrase, which the appliance cannot type",
          "remove the passphrase with 'openssl pkey -in key.pem -out key-plain.pem'");
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(PROVIDER);
    try {
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("is a damaged private key", PASTE);
    }
    throw new PemException("is not a private key (found a " + kind(object) + ")", PASTE);
  }

  /** The certificates in {@code pem}, leaf first; at least one. */
  public static List<X509Certificate> certificates(String pem) throws PemException {
    List<Object> objects = objects(pem);
    if (objects.isEmpty()) {
      throw new PemException("holds no PEM certificate", PASTE);
    }
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(PROVIDER);
    for (Object object : objects) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw new PemException("block " + (certificates.size() + 1) + " is not a certificate (found a " + kind(object) + ")", PASTE);
      }
      try {
        certificates.add(converter.getCertificate(holder));
      } catch (CertificateException e) {
        throw new PemException("certificate " + (certificates.size() + 1) + " is damaged", PASTE);
      }
    }
    return certificates;
  }

  /** Whether {@code key} is the private half of {@code certificate}'s public key. */
  public static boolean matches(PrivateKey key, X509Certificate certificate) {
    PublicKey publicKey = certificate.getPublicKey();
    if (key instanceof RSAPrivateCrtKey rsa && publicKey instanceof java.security.interfaces.RSAPublicKey rsaPublic) {
      return rsa.getModulus().equals(rsaPublic.getModulus());
    }
    try {
      var signer = java.security.Signature.getInstance(key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA"
          : key.getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256with" + key.getAlgorithm(), PROVIDER);
      byte[] probe = "appliance key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      signer.initVerify(publicKey);
      signer.update(probe);
      return signer.verify(signature);
    } catch (java.security.GeneralSecurityException e) {
      return false;
    }
  }

  private static List<Object> objects(String pem) throws PemException {
    if (!pem.contains("-----BEGIN ")) {
      throw new PemException("is not PEM text (a block starting with -----BEGIN ...-----)", PASTE);
    }
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException("has a damaged PEM block (bad base64 or a missing END line)", PASTE);
    }
    return objects;
  }

  private static String kind(Object object) {
    return object.getClass().getSimpleName().replace("Holder", "").replace("Info", "");
  }
}
