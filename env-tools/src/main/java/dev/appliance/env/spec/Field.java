package dev.appliance.env.spec;

import java.util.Optional;

/**
 * One key of the env.
 *
 * @param name the key as written in YAML
 * @param shape what the value looks like
 * @param doc one or two sentences for the operator
 * @param defaultValue the default as YAML text, or empty when there is none
 * @param required whether the key must be present
 * @param reserved whether the key is only checked and documented: nothing acts on it yet. On a section it covers
 *     every key below.
 */
public record Field(String name, Shape shape, String doc, Optional<String> defaultValue, boolean required,
    boolean reserved) {

  /** An optional key with a default. */
  public static Field of(String name, Shape shape, String defaultValue, String doc) {
    return new Field(name, shape, doc, Optional.of(defaultValue), false, false);
  }

  /** An optional key without a default. */
  public static Field optional(String name, Shape shape, String doc) {
    return new Field(name, shape, doc, Optional.empty(), false, false);
  }

  /** A key that must be present. */
  public static Field required(String name, Shape shape, String doc) {
    return new Field(name, shape, doc, Optional.empty(), true, false);
  }

  /**
   * This key marked reserved, so that the reference does not promise what the appliance does not do yet. Validation
   * is unchanged: an env written today keeps working when the capability arrives.
   */
  public Field withReserved() {
    return new Field(name, shape, doc, defaultValue, required, true);
  }

  /**
   * The items of a list default written in flow style, {@code [a, b]}; empty for {@code []} or no default. List
   * defaults are plain scalars only.
   */
  public java.util.List<String> defaultItems() {
    String text = defaultValue.orElse("[]").strip();
    if (!text.startsWith("[") || !text.endsWith("]") || text.length() == 2) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(text.substring(1, text.length() - 1).split(",")).map(String::strip).toList();
  }

  /** Whether the value is a secret that must never be printed. */
  public boolean secret() {
    return shape instanceof Shape.Scalar scalar && scalar.type().secret()
        || shape instanceof Shape.MapOf map && map.value() instanceof Shape.Scalar s && s.type().secret();
  }
}
