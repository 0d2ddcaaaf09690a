package dev.appliance.env.secrets;

import java.security.SecureRandom;

/** Random passwords and tokens from {@link SecureRandom}. */
public final class SecretGenerator {

  // Letters and digits only: safe inside URLs, shell words and YAML without quoting.
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random;

  public SecretGenerator(SecureRandom random) {
    this.random = random;
  }

  /** A token of {@code length} letters and digits (about 5.95 bits each: 32 give 190 bits). */
  public String token(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }

  SecureRandom random() {
    return random;
  }
}
