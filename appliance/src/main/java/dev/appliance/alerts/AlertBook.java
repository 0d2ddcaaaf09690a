package dev.appliance.alerts;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link Alerts} port: each change is logged as an {@code ALERT} line (the journal keeps them), kept in the
 * {@link AlertStore}, and handed to delivery, which sends what is due (at once in a command, by a background thread
 * in the supervisor).
 */
public final class AlertBook implements Alerts {

  private final AlertStore store;
  private final Runnable deliver;
  private final Clock clock;
  private final Consumer<String> log;

  AlertBook(AlertStore store, Runnable deliver, Clock clock, Consumer<String> log) {
    this.store = store;
    this.deliver = deliver;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public void raise(Alert alert) {
    synchronized (store) {
      record(alert);
    }
    deliver.run();
  }

  @Override
  public void announce(Alert event) {
    synchronized (store) {
      log.accept(line(event));
      keep(AlertRecord.event(event, clock.instant()));
    }
    deliver.run();
  }

  private void record(Alert alert) {
    Instant now = clock.instant();
    Optional<AlertRecord> kept;
    try {
      kept = store.get(alert.key());
    } catch (IOException e) {
      // Sent as new rather than not at all.
      log.accept("alerts: cannot read the state of " + alert.key() + " in /data/etc/alerts: " + e.getMessage());
      kept = Optional.empty();
    }
    AlertRecord record;
    boolean news;
    if (kept.isEmpty()) {
      record = AlertRecord.opened(alert, now);
      news = true;
    } else if (!kept.get().open()) {
      record = kept.get();
      record.reopen(alert, now);
      news = true;
    } else {
      record = kept.get();
      news = alert.severity().worseThan(record.alert().severity());
      record.update(alert);
    }
    if (news) {
      log.accept(line(alert));
    }
    keep(record);
  }

  @Override
  public void resolve(String key, String how) {
    resolveWhere(key::equals, how);
  }

  @Override
  public void resolveAll(String keyPrefix, String how) {
    resolveWhere(key -> key.startsWith(keyPrefix), how);
  }

  private void resolveWhere(java.util.function.Predicate<String> keys, String how) {
    boolean any = false;
    synchronized (store) {
      any = resolved(keys, how);
    }
    if (any) {
      deliver.run();
    }
  }

  private boolean resolved(java.util.function.Predicate<String> keys, String how) {
    boolean any = false;
    try {
      for (AlertRecord record : store.all()) {
        if (record.open() && keys.test(record.alert().key())) {
          record.resolve(how, clock.instant());
          log.accept("ALERT resolved [" + record.alert().key() + "]: " + record.alert().summary() + ": " + how);
          keep(record);
          any = true;
        }
      }
    } catch (IOException e) {
      log.accept("alerts: cannot read their state in /data/etc/alerts to resolve them: " + e.getMessage());
    }
    return any;
  }

  private void keep(AlertRecord record) {
    store.keep(record, log);
  }

  /** The journal's line: {@code ALERT critical [key]: summary; details}. */
  private static String line(Alert alert) {
    String details = alert.details().isBlank() ? "" : "; " + alert.details().strip().replace("\n", " ");
    return "ALERT " + alert.severity().label() + " [" + alert.key() + "]: " + alert.summary() + details;
  }
}
