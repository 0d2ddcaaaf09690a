package dev.appliance.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.appliance.alerts.Alerts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Prometheus' alerts, taken as an Alertmanager takes them ({@code POST /api/v2/alerts}), raised and resolved through
 * the {@link Alerts} port, so that they reach the operators through the same channels as the appliance's own. A body
 * that is not an array of alerts is refused whole (400, with the reason), and nothing is raised.
 */
final class AlertReceiver implements HttpHandler {

  static final String PATH = "/api/v2/alerts";
  /** Prometheus sends at most a few dozen alerts at a time; nothing larger is read. */
  private static final int MAX_BODY = 1 << 20;

  private final Alerts alerts;
  private final Clock clock;
  private final Consumer<String> log;

  AlertReceiver(Alerts alerts, Clock clock, Consumer<String> log) {
    this.alerts = alerts;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals(PATH)) {
        respond(exchange, 404, "not found: this endpoint serves GET /metrics and POST " + PATH);
      } else if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        respond(exchange, 405, PATH + " takes POST only");
      } else {
        receive(exchange);
      }
    }
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      respond(exchange, 413, "at most " + MAX_BODY + " bytes of alerts at a time");
      return;
    }
    List<PrometheusAlert> received;
    try {
      received = PrometheusAlert.parseAll(body);
    } catch (PrometheusAlert.BadAlertsException e) {
      log.accept("metrics: refused alerts posted to " + PATH + ": " + e.getMessage());
      respond(exchange, 400, e.getMessage());
      return;
    }
    Instant now = clock.instant();
    for (PrometheusAlert alert : received) {
      if (alert.endedBy(now)) {
        alerts.resolve(alert.key(), "Prometheus: " + alert.name() + " ended at " + alert.endsAt().orElseThrow());
      } else {
        alerts.raise(alert.alert());
      }
    }
    respond(exchange, 200, "");
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.isEmpty() ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    exchange.getResponseBody().write(body);
  }
}
