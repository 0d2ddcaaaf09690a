package dev.appliance.time;

import java.time.Duration;

/** Waits: the real thread sleep in the appliance, the fake clock's advance in tests (with the injected clock). */
@FunctionalInterface
public interface Sleeper {

  void sleep(Duration duration) throws InterruptedException;

  static Sleeper real() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
