package dev.appliance.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Severity;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One alert as Prometheus sends it to an Alertmanager ({@code POST /api/v2/alerts}): its labels ({@code alertname},
 * {@code severity} and those of the series it fired on), its annotations ({@code summary}, {@code description}), and
 * when it started and ends; an alert whose {@code endsAt} has passed is resolved.
 *
 * @param labels every label but alertname and severity
 */
record PrometheusAlert(String name, Severity severity, String severityLabel, Map<String, String> labels, String summary,
    String description, Optional<Instant> startsAt, Optional<Instant> endsAt) {

  /** Labels that every alert of a target carries: they tell no condition from another, so the key leaves them out. */
  private static final Set<String> SHARED = Set.of("job", "instance");
  /** Alertmanager's "not set" time, which Prometheus' clients may send. */
  private static final Instant UNSET = Instant.parse("0001-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A body that is not Alertmanager's array of alerts; its message says what is wrong, and where. */
  static final class BadAlertsException extends Exception {
    private static final long serialVersionUID = 1L;

    BadAlertsException(String message) {
      super(message);
    }
  }

  /** Every alert of {@code body}, or none: one bad alert refuses the whole body. */
  static List<PrometheusAlert> parseAll(byte[] body) throws BadAlertsException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadAlertsException("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadAlertsException("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new BadAlertsException("expected a JSON array of alerts, as Prometheus sends to /api/v2/alerts");
    }
    List<PrometheusAlert> alerts = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      alerts.add(parse(root.get(i), "alert " + i));
    }
    return alerts;
  }

  private static PrometheusAlert parse(JsonNode alert, String where) throws BadAlertsException {
    if (!alert.isObject()) {
      throw new BadAlertsException(where + ": expected an object with labels and annotations");
    }
    Map<String, String> labels = texts(alert.path("labels"), where + ": labels");
    Map<String, String> annotations = texts(alert.path("annotations"), where + ": annotations");
    String name = labels.remove("alertname");
    if (name == null || name.isBlank()) {
      throw new BadAlertsException(where + ": labels.alertname is missing");
    }
    String severityLabel = Optional.ofNullable(labels.remove("severity")).orElse("");
    return new PrometheusAlert(name, severity(severityLabel), severityLabel, labels,
        annotations.getOrDefault("summary", name), annotations.getOrDefault("description", ""),
        time(alert.path("startsAt"), where + ": startsAt"), time(alert.path("endsAt"), where + ": endsAt"));
  }

  /** critical, warning or info as the rule says; anything else (or none) counts as warning, which the details say. */
  private static Severity severity(String label) {
    for (Severity severity : Severity.values()) {
      if (severity.label().equals(label.toLowerCase(Locale.ROOT))) {
        return severity;
      }
    }
    return Severity.WARNING;
  }

  private static Map<String, String> texts(JsonNode node, String where) throws BadAlertsException {
    Map<String, String> texts = new TreeMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return texts;
    }
    if (!node.isObject()) {
      throw new BadAlertsException(where + ": expected an object of names and texts");
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isTextual()) {
        throw new BadAlertsException(where + "." + entry.getKey() + ": expected a text");
      }
      texts.put(entry.getKey(), entry.getValue().asText());
    }
    return texts;
  }

  private static Optional<Instant> time(JsonNode node, String where) throws BadAlertsException {
    if (node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant time = OffsetDateTime.parse(node.asText()).toInstant();
      return time.equals(UNSET) ? Optional.empty() : Optional.of(time);
    } catch (DateTimeParseException e) {
      throw new BadAlertsException(where + ": '" + node.asText() + "' is not an RFC 3339 time");
    }
  }

  /** {@code prometheus/ALERTNAME}, then the value of each other label (such as the service), by label name. */
  String key() {
    StringBuilder key = new StringBuilder("prometheus/").append(keyPart(name));
    labels.forEach((label, value) -> {
      if (!SHARED.contains(label)) {
        key.append('/').append(keyPart(value));
      }
    });
    return key.toString();
  }

  /** What an alert key allows: {@code /data} becomes {@code data}, spaces and the like a dash. */
  private static String keyPart(String text) {
    String part = text.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
    return part.isEmpty() ? "_" : part;
  }

  /** Whether it has ended by {@code now}: Prometheus sends a resolved alert with the time it ended. */
  boolean endedBy(Instant now) {
    return endsAt.map(end -> !end.isAfter(now)).orElse(false);
  }

  /** The appliance's alert: the summary, and as details the description, the rule and the labels. */
  Alert alert() {
    StringBuilder details = new StringBuilder(description.strip());
    details.append(details.length() == 0 ? "" : "\n\n").append("Prometheus rule ").append(name)
        .append(startsAt.map(t -> ", firing since " + t).orElse(""));
    if (!severityLabel.equals(severity.label())) {
      details.append("; its severity '").append(severityLabel).append("' is none of critical, warning, info: taken as warning");
    }
    details.append('.');
    if (!labels.isEmpty()) {
      details.append("\nLabels: ").append(labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", ")));
    }
    return new Alert(severity, key(), summary, details.toString());
  }
}
