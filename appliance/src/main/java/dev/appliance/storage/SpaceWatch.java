package dev.appliance.storage;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The supervisor's watch on free space: every 30 s it measures {@code /data} and {@code /volatile} and, when a
 * path's {@link SpaceLevel} changes, raises its alert ({@code disk/data}, {@code disk/volatile}) or resolves it when
 * back to ok: one change, not one a check.
 */
public final class SpaceWatch {

  static final Duration EVERY = Duration.ofSeconds(30);

  private final DiskSpace space;
  private final long minimumMib;
  private final Clock clock;
  private final Alerts alerts;
  private final Map<String, SpaceLevel> levels = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private Instant next = Instant.MIN;

  public SpaceWatch(DiskSpace space, long minimumMib, Clock clock, Alerts alerts) {
    this.space = space;
    this.minimumMib = minimumMib;
    this.clock = clock;
    this.alerts = alerts;
  }

  /** Measures every path if the last measure is {@link #EVERY} ago; called as often as the caller likes. */
  public void poll() {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(EVERY);
    DiskSpace.PATHS.forEach(this::check);
  }

  private void check(String path) {
    DiskUsage usage;
    try {
      usage = space.usage(path);
    } catch (IOException e) {
      // Not knowing is no reason for calm: said once, as critical, until it can be read again.
      if (unreadable.add(path)) {
        alerts.raise(Alert.critical(key(path), "the free space of " + path + " cannot be read: " + e.getMessage(),
            "A file system that cannot be read is no reason for calm; look at it: df -h " + path + "; dmesg"));
      }
      return;
    }
    boolean wasUnreadable = unreadable.remove(path);
    SpaceLevel level = usage.level(minimumMib);
    // Unknown before the first measure: an alert left open by the last run is resolved if all is well now.
    SpaceLevel before = levels.get(path);
    levels.put(path, level);
    if (level == before && !wasUnreadable) {
      return;
    }
    switch (level) {
      case OK -> alerts.resolve(key(path), usage.describe() + ", below the warning level again");
      case WARNING -> alerts.raise(Alert.warning(key(path), usage.describe(), "Critical from "
          + SpaceLevel.CRITICAL_PERCENT + " %; " + FreeSpace.HOW_TO_FREE));
      case CRITICAL -> alerts.raise(Alert.critical(key(path), usage.describe()
          + (usage.freeMib() < minimumMib ? ", under the minimum of " + minimumMib + " MiB" : ""),
          "Services fail to write once it is full (uploads, the database): " + FreeSpace.HOW_TO_FREE));
    }
  }

  /** {@code disk/data}, {@code disk/volatile}. */
  static String key(String path) {
    return "disk" + path;
  }
}
