package dev.appliance.env.secrets;

import java.util.Base64;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A WireGuard key pair (Curve25519), as {@code wg genkey} and {@code wg pubkey} print its halves: 32 bytes each in
 * base64. Made here so that env-new needs no wireguard-tools and the appliance shows its public key for the peers.
 */
public final class WireGuardKey {

  private final X25519PrivateKeyParameters key;

  private WireGuardKey(X25519PrivateKeyParameters key) {
    this.key = key;
  }

  /** A new key from the generator's random source. */
  public static WireGuardKey generate(SecretGenerator generator) {
    return new WireGuardKey(new X25519PrivateKeyParameters(generator.random()));
  }

  /**
   * The key whose private half is {@code privateKey} (base64, as in the env).
   *
   * @throws IllegalArgumentException if it is not 32 bytes in base64
   */
  public static WireGuardKey of(String privateKey) {
    byte[] raw = Base64.getDecoder().decode(privateKey.strip());
    if (raw.length != X25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("a WireGuard private key is 32 bytes in base64");
    }
    return new WireGuardKey(new X25519PrivateKeyParameters(raw, 0));
  }

  /** The private half in base64; a secret. */
  public String privateKey() {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** The public half in base64, what peers put in their configuration. */
  public String publicKey() {
    return Base64.getEncoder().encodeToString(key.generatePublicKey().getEncoded());
  }
}
