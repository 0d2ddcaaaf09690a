package dev.appliance.alerts;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The supervisor's background sender: a pass at every wake-up (a raise, a resolve) and every {@link #PERIOD}
 * (reminders, retries, deferred messages), and the heartbeat's pings; the supervisor's own thread never waits for a
 * channel.
 */
final class CourierThread implements AutoCloseable {

  static final Duration PERIOD = Duration.ofSeconds(15);

  private final Courier courier;
  private final Heartbeat heartbeat;
  private final BooleanSupplier healthy;
  private final String alive;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closing;

  /** @param heartbeat null without a heartbeat URL */
  CourierThread(Courier courier, Heartbeat heartbeat, BooleanSupplier healthy, String alive) {
    this.courier = courier;
    this.heartbeat = heartbeat;
    this.healthy = healthy;
    this.alive = alive;
    this.thread = new Thread(this::work, "alerts");
    thread.setDaemon(true);
    thread.start();
  }

  void wake() {
    wake.release();
  }

  private void work() {
    Duration period = heartbeat == null || heartbeat.every().compareTo(PERIOD) > 0 ? PERIOD : heartbeat.every();
    while (true) {
      boolean last = closing;
      try {
        if (!last) {
          wake.tryAcquire(period.toMillis(), TimeUnit.MILLISECONDS);
        }
        wake.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      courier.pass();
      // A close during that pass gets one more: what was raised just before it goes out.
      if (last) {
        return;
      }
      if (heartbeat != null) {
        heartbeat.tick(healthy.getAsBoolean(), alive);
      }
    }
  }

  /** Ends after a last pass, waiting at most {@code patience} for it (a channel's timeouts bound it). */
  @Override
  public void close() {
    close(Duration.ofSeconds(45));
  }

  void close(Duration patience) {
    closing = true;
    wake.release();
    try {
      thread.join(patience.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
