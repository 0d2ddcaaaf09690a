package dev.appliance.alerts;

import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * One key's state, as kept in its file: the alert as last raised, since when it is open or when it was resolved, and
 * per channel what the channel last told the operators and when (which makes sending once, reminding daily, sending
 * "resolved" once and the hourly limit survive a restart).
 */
final class AlertRecord {

  /** What one channel last told the operators about this key. */
  enum Told { NOTHING, OPENED, RESOLVED }

  private final Properties values;

  private AlertRecord(Properties values) {
    this.values = values;
  }

  static AlertRecord opened(Alert alert, Instant now) {
    AlertRecord record = new AlertRecord(new Properties());
    record.values.setProperty("key", alert.key());
    record.values.setProperty("opened", now.toString());
    record.update(alert);
    return record;
  }

  /** An event ({@link Alerts#announce}): kept resolved from the start, so that it is never open, only told once. */
  static AlertRecord event(Alert alert, Instant now) {
    AlertRecord record = opened(alert, now);
    record.values.setProperty("event", "true");
    record.resolve("", now);
    return record;
  }

  boolean event() {
    return values.containsKey("event");
  }

  /** The record in {@code values}, if every value in it reads (a file broken by hand or by a crash does not). */
  static Optional<AlertRecord> of(Properties values) {
    AlertRecord record = new AlertRecord(values);
    try {
      record.alert();
      record.opened();
      record.resolved();
      for (String name : values.stringPropertyNames()) {
        if (name.matches("told\\.[a-z]+")) {
          Told.valueOf(values.getProperty(name));
        } else if (name.endsWith(".at")) {
          Instant.parse(values.getProperty(name));
        } else if (name.endsWith(".severity")) {
          Severity.of(values.getProperty(name));
        }
      }
      return Optional.of(record);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  Properties values() {
    return values;
  }

  Alert alert() {
    return new Alert(Severity.of(values.getProperty("severity")), values.getProperty("key"),
        values.getProperty("summary"), values.getProperty("details", ""));
  }

  void update(Alert alert) {
    values.setProperty("severity", alert.severity().label());
    values.setProperty("summary", alert.summary());
    values.setProperty("details", alert.details());
  }

  Instant opened() {
    return Instant.parse(values.getProperty("opened"));
  }

  boolean open() {
    return !values.containsKey("resolved");
  }

  /** Opens it again after it was resolved: a new episode, whose channels still remember what they told. */
  void reopen(Alert alert, Instant now) {
    values.remove("resolved");
    values.remove("resolution");
    values.setProperty("opened", now.toString());
    update(alert);
  }

  void resolve(String how, Instant now) {
    values.setProperty("resolved", now.toString());
    values.setProperty("resolution", how);
  }

  Optional<Instant> resolved() {
    return Optional.ofNullable(values.getProperty("resolved")).map(Instant::parse);
  }

  String resolution() {
    return values.getProperty("resolution", "");
  }

  Told told(String channel) {
    return Told.valueOf(values.getProperty("told." + channel, Told.NOTHING.name()));
  }

  Optional<Severity> toldSeverity(String channel) {
    return Optional.ofNullable(values.getProperty("told." + channel + ".severity")).map(Severity::of);
  }

  Optional<Instant> toldAt(String channel) {
    return Optional.ofNullable(values.getProperty("told." + channel + ".at")).map(Instant::parse);
  }

  /** {@code channel} delivered a message of {@code kind} about the alert at {@code severity}, at {@code now}. */
  void told(String channel, Message.Kind kind, Severity severity, Instant now) {
    values.setProperty("told." + channel, kind == Message.Kind.RESOLVED ? Told.RESOLVED.name() : Told.OPENED.name());
    values.setProperty("told." + channel + ".severity", severity.label());
    values.setProperty("told." + channel + ".at", now.toString());
    values.remove("failed." + channel + ".at");
  }

  /**
   * {@code channel} has nothing to tell about this state (it does not carry it): counts as told at {@code now},
   * without a message, so that it is not due again until the next reminder.
   */
  void skipped(String channel, Message.Kind kind, Instant now) {
    told(channel, kind, alert().severity(), now);
  }

  void failed(String channel, Instant now) {
    values.setProperty("failed." + channel + ".at", now.toString());
  }

  Optional<Instant> failedAt(String channel) {
    return Optional.ofNullable(values.getProperty("failed." + channel + ".at")).map(Instant::parse);
  }
}
