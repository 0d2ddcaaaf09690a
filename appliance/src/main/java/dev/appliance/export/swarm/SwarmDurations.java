package dev.appliance.export.swarm;

import dev.appliance.stack.Stack.Healthcheck;
import java.time.Duration;
import java.util.Optional;

/** Durations as compose files and the docker CLI write them ("2s", "1500ms"), and what health checks take. */
final class SwarmDurations {

  /** How long Swarm watches a service that has no health check for its new tasks' failure. */
  static final Duration WITHOUT_HEALTHCHECK = Duration.ofSeconds(10);

  private SwarmDurations() {}

  static String format(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
  }

  /**
   * How long after a task starts Swarm may wait before its health check tells it failed: the start period, then
   * every retry taking its interval and, at worst, its timeout; one interval more for the report to arrive.
   */
  static Duration untilUnhealthy(Optional<Healthcheck> healthcheck) {
    return healthcheck.map(h -> h.startPeriod().plus(h.interval().plus(h.timeout()).multipliedBy(h.retries()))
        .plus(h.interval())).orElse(WITHOUT_HEALTHCHECK);
  }
}
