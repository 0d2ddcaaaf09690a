package dev.appliance.containers;

import java.time.Duration;
import java.util.Set;

/**
 * How a service's stop ended, judged by its container's exit code after the engine's stop: ended by the stop signal,
 * killed once the timeout passed, or badly, with an error of its own (PostgreSQL exits 1 when its shutdown
 * checkpoint PANICs on a full disk, where a clean stop exits 0).
 *
 * @param exitCode the container's exit code after the stop
 * @param timeout how long it had before the engine killed it
 */
record StopOutcome(long exitCode, Duration timeout) {

  /** 0, or 128 + SIGINT, SIGQUIT or SIGTERM: the signals images stop with, whose default action ends the process. */
  private static final Set<Long> STOPPED = Set.of(0L, 130L, 131L, 143L);
  /** 128 + SIGKILL: the engine's kill after the timeout, the only SIGKILL a stop sends. */
  private static final long KILLED = 137;

  /** Whether the service ended with an error of its own. */
  boolean bad() {
    return !STOPPED.contains(exitCode) && exitCode != KILLED;
  }

  /** For the log, after the service's name: {@code stopped}, {@code killed after 30 s ...}, {@code stopped badly ...}. */
  String describe() {
    if (STOPPED.contains(exitCode)) {
      return "stopped";
    }
    return exitCode == KILLED ? "killed after " + timeout.toSeconds() + " s (it did not stop within the timeout)"
        : "stopped badly (exit code " + exitCode + ")";
  }
}
