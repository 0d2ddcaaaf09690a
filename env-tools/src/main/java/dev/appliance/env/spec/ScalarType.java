package dev.appliance.env.spec;

import java.util.Optional;

/** A type of single value, with its check. */
public interface ScalarType {

  /** What a valid value looks like, for docs and messages ("true or false", "a domain name"). */
  String description();

  /** Whether values of this type are secrets: never printed, not even in error messages. */
  default boolean secret() {
    return false;
  }

  /** Checks one value; an empty result means it is valid. A complaint never quotes a secret value. */
  Optional<Complaint> check(ScalarValue value);

  /** Why a value is invalid, and how to fix it. */
  record Complaint(String message, String fix) {
    public static Optional<Complaint> of(String message, String fix) {
      return Optional.of(new Complaint(message, fix));
    }
  }
}
