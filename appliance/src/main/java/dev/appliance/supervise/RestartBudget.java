package dev.appliance.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often a service may be restarted: more than {@code maxRestarts} within {@code window} means it is crash-looping
 * and the appliance fails. Waits double from one second up to thirty between restarts of the same service.
 */
public final class RestartBudget {

  private final int maxRestarts;
  private final Duration window;
  private final Map<String, Deque<Instant>> restarts = new HashMap<>();
  /** Every restart allowed since the supervisor began, for the metrics, read by the endpoint's threads. */
  private final Map<String, Integer> total = new ConcurrentHashMap<>();

  public RestartBudget(int maxRestarts, Duration window) {
    this.maxRestarts = maxRestarts;
    this.window = window;
  }

  /**
   * Records a death of {@code service} at {@code now}.
   *
   * @return whether a restart is still within the budget
   */
  public boolean record(String service, Instant now) {
    Deque<Instant> recent = restarts.computeIfAbsent(service, s -> new ArrayDeque<>());
    while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(window))) {
      recent.removeFirst();
    }
    recent.addLast(now);
    boolean allowed = recent.size() <= maxRestarts;
    if (allowed) {
      total.merge(service, 1, Integer::sum);
    }
    return allowed;
  }

  /** How many restarts of each service were allowed since this budget began, the window aside. */
  public Map<String, Integer> totals() {
    return Map.copyOf(total);
  }

  /** The wait before the next restart of {@code service}: 1 s, 2 s, 4 s ... at most 30 s. */
  public Duration backoff(String service) {
    int recent = restarts.getOrDefault(service, new ArrayDeque<>()).size();
    return Duration.ofSeconds(Math.min(30, 1L << Math.min(5, Math.max(0, recent - 1))));
  }

  /** The times of each service's restarts that still count against the budget. */
  Map<String, List<Instant>> recent() {
    Map<String, List<Instant>> recent = new HashMap<>();
    restarts.forEach((service, times) -> recent.put(service, List.copyOf(times)));
    return recent;
  }

  Duration window() {
    return window;
  }

  public String describe() {
    return maxRestarts + " restarts within " + window.toMinutes() + " min";
  }
}
