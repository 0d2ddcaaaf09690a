package dev.appliance.alerts;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The supervisor's background sending: one thread makes a pass at every wake-up (a raise, a resolve) and every
 * {@link #PERIOD} (reminders, retries, deferred messages); another pings the heartbeat, so that no channel waiting
 * on a slow relay holds up the "alive" pings, and the supervisor's own thread never waits for a channel.
 */
final class CourierThread implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(15);

  private final Courier courier;
  private final Consumer<String> log;
  private final Semaphore wake = new Semaphore(0);
  private final Thread passes;
  private volatile boolean closing;

  /** @param heartbeat null without a heartbeat URL */
  CourierThread(Courier courier, Heartbeat heartbeat, BooleanSupplier healthy, String alive, Consumer<String> log) {
    this.courier = courier;
    this.log = log;
    this.passes = daemon("alerts", this::sendAll);
    if (heartbeat != null) {
      // Not interrupted at the end: a ping cut short would read as a failing heartbeat in status.
      daemon("heartbeat", () -> ping(heartbeat, healthy, alive));
    }
  }

  private static Thread daemon(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  void wake() {
    wake.release();
  }

  private void sendAll() {
    while (true) {
      boolean last = closing;
      try {
        if (!last) {
          wake.tryAcquire(PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      safely(courier::pass);
      // A close during that pass gets one more: what was raised just before it goes out.
      if (last) {
        return;
      }
    }
  }

  private void ping(Heartbeat heartbeat, BooleanSupplier healthy, String alive) {
    Duration period = heartbeat.every().compareTo(PERIOD) > 0 ? PERIOD : heartbeat.every();
    while (!closing) {
      safely(() -> heartbeat.tick(healthy.getAsBoolean(), alive));
      try {
        Thread.sleep(period.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** A broken state file or a bug in one pass must not end the sending for the rest of the supervisor's life. */
  private void safely(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      log.accept("alerts: " + Thread.currentThread().getName() + " failed once, and goes on: " + e);
    }
  }

  /** Ends after a last pass, waiting at most {@code patience} for it (the pass's own budget bounds it). */
  @Override
  public void close() {
    close(Duration.ofSeconds(45));
  }

  void close(Duration patience) {
    closing = true;
    wake.release();
    try {
      passes.join(patience.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
