package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType;
import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue;
import dev.appliance.env.spec.ScalarValue.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Factories for the value types of the env. */
public final class Types {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private Types() {}

  /** {@code true} or {@code false}; YAML 1.1 words like {@code yes} are refused with a hint. */
  public static ScalarType bool() {
    return simple("true or false", v -> {
      if (v.kind() == Kind.BOOLEAN) {
        return Optional.empty();
      }
      if (v.kind() == Kind.STRING && v.text().matches("(?i)true|false")) {
        return Complaint.of("should be true or false, not the quoted text '" + v.text() + "'", "remove the quotes");
      }
      return Complaint.of("should be true or false, not '" + v.text() + "'",
          "write true or false (in YAML 1.2, yes/no/on/off are plain strings)");
    });
  }

  /** A whole number between {@code min} and {@code max}. */
  public static ScalarType integer(long min, long max) {
    return simple("a whole number from " + min + " to " + max, v -> {
      if (v.kind() != Kind.INTEGER) {
        return Complaint.of("should be a whole number, not '" + v.text() + "'", "write a number without quotes");
      }
      long n;
      try {
        n = Long.decode(v.text().replace("0o", "0"));
      } catch (NumberFormatException e) {
        n = Long.MIN_VALUE;
      }
      return n >= min && n <= max ? Optional.empty()
          : Complaint.of(v.text() + " is out of range " + min + ".." + max, "choose a value from " + min + " to " + max);
    });
  }

  /** Any non-empty text. Numbers keep their written form; booleans and null are refused. */
  public static ScalarType text() {
    return pattern("text", null, "");
  }

  /** Text matching {@code regex}; {@code description} says what it looks like. */
  public static ScalarType pattern(String description, String regex, String fix) {
    Pattern p = regex == null ? null : Pattern.compile(regex);
    return TextType.of(description, false, text -> p == null || p.matcher(text).matches() ? Optional.empty()
        : Complaint.of("'" + text + "' is not " + description, fix));
  }

  /** One of a fixed list of words. */
  public static ScalarType oneOf(String... values) {
    List<String> allowed = List.of(values);
    String description = "one of " + String.join(" | ", allowed);
    return TextType.of(description, false, text -> allowed.contains(text) ? Optional.empty()
        : Complaint.of("'" + text + "' is not " + description, Suggestions.didYouMean(text, allowed)
            .map(s -> "did you mean '" + s + "'?").orElse("use " + description)));
  }

  /** An e-mail address. */
  public static ScalarType email() {
    return pattern("an e-mail address", EMAIL.pattern(), "write it like ops@example.org");
  }

  /** A port and its protocol, like {@code 8443/tcp} or {@code 51821/udp}. */
  public static ScalarType portAndProtocol() {
    return TextType.of("a port and protocol (8443/tcp, 51821/udp)", false, text -> {
      java.util.regex.Matcher m = Pattern.compile("(\\d{1,5})/(tcp|udp)").matcher(text);
      if (!m.matches()) {
        return Complaint.of("'" + text + "' is not a port and protocol", "write PORT/tcp or PORT/udp, like 8443/tcp");
      }
      int port = Integer.parseInt(m.group(1));
      return port >= 1 && port <= 65535 ? Optional.empty()
          : Complaint.of("port " + port + " is out of range 1..65535", "choose a port from 1 to 65535");
    });
  }

  /** An absolute file-system path, normalised (no {@code .} or {@code ..}: the appliance resolves it under its root). */
  public static ScalarType absolutePath() {
    return TextType.of("an absolute path", false, text -> {
      if (!text.matches("/[^\\x00]*")) {
        return Complaint.of("'" + text + "' is not an absolute path", "start the path with /");
      }
      String normal = java.nio.file.Path.of(text).normalize().toString();
      return normal.equals(text) ? Optional.empty()
          : Complaint.of("'" + text + "' is not a normalised path", "write it as " + normal);
    });
  }

  /** Refuses booleans, null and collections where text is expected. Never echoes the value when secret. */
  static Optional<Complaint> requireText(ScalarValue v, boolean secret) {
    if (v.kind() == Kind.NULL) {
      return Complaint.of("is empty", "give a value, or remove the key to use the default");
    }
    if (!v.isTextual()) {
      String shown = secret ? "a " + v.kind().name().toLowerCase() : "'" + v.text() + "'";
      return Complaint.of("should be text, not " + shown, "put the value in double quotes");
    }
    if (v.text().isBlank()) {
      return Complaint.of("is empty", "give a value, or remove the key to use the default");
    }
    return Optional.empty();
  }

  private static ScalarType simple(String description, Function<ScalarValue, Optional<Complaint>> check) {
    return new ScalarType() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public Optional<Complaint> check(ScalarValue value) {
        return check.apply(value);
      }
    };
  }
}
