package dev.appliance.alerts;

import java.util.Locale;

/** How bad an alert is, the worst first. */
public enum Severity {
  CRITICAL, WARNING, INFO;

  /** {@code critical}, {@code warning} or {@code info}, as logs and state files spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is worse than {@code other}. */
  public boolean worseThan(Severity other) {
    return compareTo(other) < 0;
  }

  /** The label, as status --json shows it too. */
  @Override
  public String toString() {
    return label();
  }

  public static Severity of(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
