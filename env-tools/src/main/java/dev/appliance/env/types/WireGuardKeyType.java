package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.util.Base64;
import java.util.Optional;

/** A WireGuard key as {@code wg genkey} and {@code wg pubkey} print it: 32 bytes in base64 (44 characters). */
public final class WireGuardKeyType extends TextType {

  private WireGuardKeyType(String description, boolean secret) {
    super(description, secret);
  }

  /** The appliance's own private key: a secret, never quoted. */
  public static WireGuardKeyType privateKey() {
    return new WireGuardKeyType("a WireGuard private key (wg genkey)", true);
  }

  /** A peer's public key. */
  public static WireGuardKeyType publicKey() {
    return new WireGuardKeyType("a WireGuard public key (wg pubkey)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != 32) {
      return Complaint.of(secret() ? "is not a WireGuard key (32 bytes in base64)"
          : "'" + text + "' is not a WireGuard key (32 bytes in base64)",
          secret() ? "let env-new generate it, or use 'wg genkey'" : "copy the peer's key from 'wg pubkey'");
    }
    return Optional.empty();
  }
}
