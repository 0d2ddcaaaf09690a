package dev.appliance.os;

import java.time.Duration;
import java.util.Optional;

/** Whether the application answers through the front, as a visitor asks it. */
interface ServingCheck {

  /** Whether it answers now. */
  boolean serving() throws Exception;

  /** Waits up to {@code budget} for an answer; what was seen last if none came. */
  Optional<String> awaitServing(Duration budget) throws Exception;
}
