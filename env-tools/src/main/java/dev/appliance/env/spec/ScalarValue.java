package dev.appliance.env.spec;

/**
 * A scalar as YAML 1.2 resolved it.
 *
 * @param text the text as written (without quotes)
 * @param kind the core-schema type YAML gave it
 */
public record ScalarValue(String text, Kind kind) {

  /** YAML 1.2 core schema types of a plain or quoted scalar. */
  public enum Kind { STRING, INTEGER, FLOAT, BOOLEAN, NULL, OTHER }

  /** Whether the scalar is text a string field may take (numbers keep their written form). */
  public boolean isTextual() {
    return kind == Kind.STRING || kind == Kind.INTEGER || kind == Kind.FLOAT;
  }
}
