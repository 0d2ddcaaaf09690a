package dev.appliance.storage;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The supervisor's watch on free space: every 30 s it measures {@code /data} and {@code /volatile} and, when a
 * path's {@link SpaceLevel} changes, logs one {@code ALERT} line (and one when it is back to ok), not one a check.
 */
public final class SpaceWatch {

  static final Duration EVERY = Duration.ofSeconds(30);

  private final DiskSpace space;
  private final long minimumMib;
  private final Clock clock;
  private final Consumer<String> log;
  private final Map<String, SpaceLevel> levels = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private Instant next = Instant.MIN;

  public SpaceWatch(DiskSpace space, long minimumMib, Clock clock, Consumer<String> log) {
    this.space = space;
    this.minimumMib = minimumMib;
    this.clock = clock;
    this.log = log;
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
        log.accept("ALERT critical: the free space of " + path + " cannot be read: " + e.getMessage());
      }
      return;
    }
    boolean wasUnreadable = unreadable.remove(path);
    SpaceLevel level = usage.level(minimumMib);
    SpaceLevel before = levels.getOrDefault(path, SpaceLevel.OK);
    levels.put(path, level);
    if (level != before || wasUnreadable) {
      log.accept(alert(level, usage));
    }
  }

  private String alert(SpaceLevel level, DiskUsage usage) {
    return switch (level) {
      case OK -> "ALERT resolved: " + usage.describe() + ", below the warning level again";
      case WARNING -> "ALERT warning: " + usage.describe() + ", critical from " + SpaceLevel.CRITICAL_PERCENT
          + " %; " + FreeSpace.HOW_TO_FREE;
      case CRITICAL -> "ALERT critical: " + usage.describe()
          + (usage.freeMib() < minimumMib ? ", under the minimum of " + minimumMib + " MiB" : "")
          + "; services fail to write once it is full (uploads, the database): " + FreeSpace.HOW_TO_FREE;
    };
  }
}
