package dev.appliance.alerts;

import java.time.Instant;
import java.util.List;

/**
 * What one channel carries for one alert.
 *
 * @param opened when the alert opened
 * @param resolution how it cleared, for {@link Kind#RESOLVED}; else empty
 * @param origin the appliance: its domain, environment and the unit that sent this
 * @param status the appliance's status summary at sending time, one line each
 */
public record Message(Kind kind, Alert alert, Instant opened, String resolution, Origin origin, List<String> status) {

  /** Why a message is sent. */
  public enum Kind { OPENED, REMINDER, RESOLVED, TEST }

  /** Which appliance speaks, and from which unit. */
  public record Origin(String domain, String environment, String unit) {}

  public Message {
    status = List.copyOf(status);
  }

  /** {@code [DOMAIN] CRITICAL: summary}, {@code [DOMAIN] RESOLVED: summary}, the subject of a mail. */
  public String subject() {
    String what = switch (kind) {
      case RESOLVED -> "RESOLVED";
      case REMINDER -> alert.severity().name() + " (still open since " + opened + ")";
      case OPENED, TEST -> alert.severity().name();
    };
    return "[" + origin.domain() + "] " + what + ": " + alert.summary();
  }

  /** The plain text for people: what happened, what to do, the status, and the command to look closer. */
  public String body() {
    StringBuilder text = new StringBuilder();
    text.append(switch (kind) {
      case OPENED -> "Opened " + opened + ": " + alert.summary();
      case REMINDER -> "Still open since " + opened + " (a daily reminder): " + alert.summary();
      case RESOLVED -> "Resolved (open since " + opened + "): " + alert.summary() + "\nHow: " + resolution;
      case TEST -> "A test alert, sent by 'appliance alert test': if you read this, alerts reach you.";
    }).append("\n\n");
    if (!alert.details().isBlank()) {
      text.append(alert.details().strip()).append("\n\n");
    }
    text.append("Alert key: ").append(alert.key()).append(" (severity ").append(alert.severity().label())
        .append(", from ").append(origin.unit()).append(", environment ").append(origin.environment()).append(")\n\n");
    if (!status.isEmpty()) {
      text.append("Status of ").append(origin.domain()).append(":\n");
      status.forEach(line -> text.append("  ").append(line).append('\n'));
      text.append('\n');
    }
    text.append("Look closer on the machine: appliance status; journalctl -u appliance -u prepare-app -u prepare-appliance\n");
    return text.toString();
  }
}
