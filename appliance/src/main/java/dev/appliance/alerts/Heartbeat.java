package dev.appliance.alerts;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The supervisor's "alive" pings through the {@link HeartbeatChannel}, every {@code every} while it serves and the
 * appliance is not failed. A failing ping is recorded for status and logged when it starts and ends failing.
 */
final class Heartbeat {

  private final HeartbeatChannel channel;
  private final Duration every;
  private final Courier courier;
  private final Clock clock;
  private final Consumer<String> log;
  private Instant next = Instant.MIN;
  private boolean failing;

  Heartbeat(HeartbeatChannel channel, Duration every, Courier courier, Clock clock, Consumer<String> log) {
    this.channel = channel;
    this.every = every;
    this.courier = courier;
    this.clock = clock;
    this.log = log;
  }

  Duration every() {
    return every;
  }

  void tick(boolean healthy, String text) {
    Instant now = clock.instant();
    if (!healthy) {
      // Once healthy again, the first ping goes at once.
      next = Instant.MIN;
      return;
    }
    if (now.isBefore(next)) {
      return;
    }
    next = now.plus(every);
    try {
      channel.ping(text);
      courier.remember(channel, now, true, "alive");
      if (failing) {
        log.accept("heartbeat: reached again");
      }
      failing = false;
    } catch (IOException e) {
      courier.remember(channel, now, false, e.getMessage());
      if (!failing) {
        log.accept("heartbeat FAILED (tried again every " + every.toSeconds() + " s): " + e.getMessage());
      }
      failing = true;
    }
  }
}
