package dev.appliance.support;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The alerts port for unit tests: each call as one line, {@code critical [key]: summary; details} or {@code resolved [key]: how}. */
public final class RecordedAlerts implements Alerts {

  public final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public void raise(Alert alert) {
    lines.add(alert.severity().label() + " [" + alert.key() + "]: " + alert.summary()
        + (alert.details().isBlank() ? "" : "; " + alert.details()));
  }

  /** Recorded as {@code event info [key]: summary; details}. */
  @Override
  public void announce(Alert event) {
    lines.add("event " + event.severity().label() + " [" + event.key() + "]: " + event.summary()
        + (event.details().isBlank() ? "" : "; " + event.details()));
  }

  @Override
  public void resolve(String key, String how) {
    lines.add("resolved [" + key + "]: " + how);
  }

  @Override
  public void resolveAll(String keyPrefix, String how) {
    lines.add("resolved [" + keyPrefix + "*]: " + how);
  }
}
