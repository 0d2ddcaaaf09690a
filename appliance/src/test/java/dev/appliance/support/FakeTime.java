package dev.appliance.support;

import dev.appliance.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when something sleeps on it, so that waits and backoffs of minutes take milliseconds. A
 * sleep still takes a little real time (a tenth, at most 2 ms), so that the other threads of the code under
 * test get on as they would: a fake minute of polling must not pass before another thread has had its turn.
 */
public final class FakeTime extends Clock implements Sleeper {

  private volatile Instant now;

  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(Math.min(2, duration.toMillis() / 10));
    synchronized (this) {
      now = now.plus(duration);
    }
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
