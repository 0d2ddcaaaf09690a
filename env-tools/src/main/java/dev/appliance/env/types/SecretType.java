package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A password or token. Refused when too short, too uniform, or left as a placeholder; the value itself never
 * appears in a message.
 */
public final class SecretType extends TextType {

  // Only words of six or more letters may match inside a value: a short one (todo) would turn up by chance in
  // about one random secret in 30,000. Short placeholders count only as the whole value.
  private static final Pattern PLACEHOLDER_WORD = Pattern.compile(
      "(?i).*(change.?me|change.?it|placeholder|replace.?(me|this)|your.?(secret|password|token|key)|fill.?in|"
          + "<[^>]*>|\\$\\{[^}]*}|example|secret123|password|passw0rd|letmein|qwerty|12345678|insecure|notsecret).*");
  private static final Pattern PLACEHOLDER_WHOLE =
      Pattern.compile("(?i)(todo|fixme|tbd|x+|\\*+|\\.+|secret|admin|test|none|null|default|dummy|sample)");
  static final String FIX = "generate one with 'openssl rand -base64 32', or let env-new generate every secret";

  private final int minLength;

  public SecretType(int minLength) {
    super("a secret of at least " + minLength + " characters", true);
    this.minLength = minLength;
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    return strength(text, minLength);
  }

  /** Why {@code secret} is weak, if it is; the message never holds the secret. */
  static Optional<Complaint> strength(String secret, int minLength) {
    if (PLACEHOLDER_WORD.matcher(secret).matches() || PLACEHOLDER_WHOLE.matcher(secret.strip()).matches()) {
      return Complaint.of("is a placeholder, not a real secret", FIX);
    }
    if (secret.length() < minLength) {
      return Complaint.of("is too short (" + secret.length() + " characters; at least " + minLength + " needed)", FIX);
    }
    long distinct = secret.chars().distinct().count();
    if (distinct < Math.min(8, minLength / 2)) {
      return Complaint.of("is too weak (only " + distinct + " different character" + (distinct == 1 ? ")" : "s)"), FIX);
    }
    return Optional.empty();
  }
}
