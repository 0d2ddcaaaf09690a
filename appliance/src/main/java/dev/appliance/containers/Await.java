package dev.appliance.containers;

import dev.appliance.engine.Engine;
import dev.appliance.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Polls a {@link Readiness} until it holds; a timeout names the container, what was awaited and the last thing seen. */
public final class Await {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Engine engine;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration every;

  public Await(Engine engine, Clock clock, Sleeper sleeper) {
    this(engine, clock, sleeper, POLL);
  }

  /** Looking every {@code every} (an update's health gate looks once a second). */
  public Await(Engine engine, Clock clock, Sleeper sleeper, Duration every) {
    this.engine = engine;
    this.clock = clock;
    this.sleeper = sleeper;
    this.every = every;
  }

  public void until(String container, Readiness readiness) throws ServiceFailedException, InterruptedException {
    Instant deadline = clock.instant().plus(readiness.timeout());
    while (true) {
      Readiness.Check check = readiness.check(engine, container);
      if (check.ready()) {
        return;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new ServiceFailedException(container + " did not become " + readiness.awaited() + " within "
            + readiness.timeout().toSeconds() + " s; last seen: " + check.seen());
      }
      sleeper.sleep(every);
    }
  }
}
