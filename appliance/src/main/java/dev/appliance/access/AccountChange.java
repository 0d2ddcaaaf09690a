package dev.appliance.access;

import dev.appliance.steps.StepContext;
import java.time.Duration;
import java.util.List;

/**
 * One change to the host's accounts: what it does, for the log (and for the plan on a test root), and how.
 *
 * @param what such as {@code create the account alice}
 */
record AccountChange(String what, Action action) {

  /** The change itself, run on the machine's own root only. */
  @FunctionalInterface
  interface Action {
    void apply(StepContext context) throws Exception;
  }

  static AccountChange run(String what, List<String> command) {
    return new AccountChange(what, context -> context.processes().run(command, Duration.ofMinutes(1)));
  }
}
