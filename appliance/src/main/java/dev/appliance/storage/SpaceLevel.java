package dev.appliance.storage;

/**
 * How worried to be about a file system's free space: {@code WARNING} from 80 % used, {@code CRITICAL} from 95 % or
 * under the minimum free space ({@code --min-free}), where uploads and PostgreSQL start to fail.
 */
public enum SpaceLevel {
  OK, WARNING, CRITICAL;

  static final int WARNING_PERCENT = 80;
  static final int CRITICAL_PERCENT = 95;

  static SpaceLevel of(int usedPercent, boolean underMinimum) {
    if (underMinimum || usedPercent >= CRITICAL_PERCENT) {
      return CRITICAL;
    }
    return usedPercent >= WARNING_PERCENT ? WARNING : OK;
  }

  /** As status and the log write it: {@code ok}, {@code warning}, {@code critical}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
