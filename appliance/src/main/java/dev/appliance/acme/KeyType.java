package dev.appliance.acme;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;

/** The certificate's key, from {@code appliance/ssl/letsencrypt/key_type}. */
public enum KeyType {
  EC_P256("ec-p256"),
  RSA_2048("rsa-2048");

  private final String envValue;

  KeyType(String envValue) {
    this.envValue = envValue;
  }

  static KeyType of(String envValue) {
    for (KeyType type : values()) {
      if (type.envValue.equals(envValue)) {
        return type;
      }
    }
    throw new IllegalArgumentException("no key type " + envValue);
  }

  /** A new key pair of this type (a new one for every certificate). */
  KeyPair generate() throws GeneralSecurityException {
    if (this == EC_P256) {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec("secp256r1"));
      return ec.generateKeyPair();
    }
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    return rsa.generateKeyPair();
  }

  /** Whether {@code key} is of this type, so that a changed key_type renews the certificate. */
  boolean matches(PublicKey key) {
    return this == EC_P256 ? key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256
        : key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() == 2048;
  }

  @Override
  public String toString() {
    return envValue;
  }
}
