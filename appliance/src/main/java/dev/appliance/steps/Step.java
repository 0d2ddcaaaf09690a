package dev.appliance.steps;

import java.util.Optional;

/**
 * One idempotent piece of a unit's work. It checks before it acts: {@link #satisfied} says why nothing needs doing
 * (the {@link Recipe} then logs {@code skipping: already ...}), otherwise {@link #apply} does it. A rerun after a
 * crash at any point converges.
 */
public interface Step {

  /** A short name for the log, such as {@code server certificate}. */
  String name();

  /** What is already so ("mounted", "valid until ..."), or empty when the step must act. */
  Optional<String> satisfied(StepContext context) throws Exception;

  void apply(StepContext context) throws Exception;
}
