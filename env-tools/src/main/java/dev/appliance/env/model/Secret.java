package dev.appliance.env.model;

/**
 * A secret value: {@link #toString()} shows {@code [REDACTED]}, so it cannot reach a log or a message by accident.
 * Only {@link #reveal()} gives the value, for writing it to a 0600 file or a process's environment.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself; never log or print it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
