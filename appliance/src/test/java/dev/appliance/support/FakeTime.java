package dev.appliance.support;

import dev.appliance.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when something sleeps on it, so waits and backoffs take no real time. */
public final class FakeTime extends Clock implements Sleeper {

  private volatile Instant now;

  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    now = now.plus(duration);
    // Lets the other threads of the code under test run, as a real sleep would.
    Thread.yield();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
