package dev.appliance.support;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link Alerts} port that records what it is told, in order, as {@code raise KEY} and {@code resolve KEY}. */
public final class RecordingAlerts implements Alerts {

  private final List<Alert> raised = new CopyOnWriteArrayList<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public void raise(Alert alert) {
    raised.add(alert);
    calls.add("raise " + alert.key());
  }

  @Override
  public void resolve(String key, String how) {
    calls.add("resolve " + key + ": " + how);
  }

  @Override
  public void resolveAll(String keyPrefix, String how) {
    calls.add("resolve all " + keyPrefix + ": " + how);
  }

  public List<Alert> raised() {
    return List.copyOf(raised);
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }
}
