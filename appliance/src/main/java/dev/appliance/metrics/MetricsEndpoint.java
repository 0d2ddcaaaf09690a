package dev.appliance.metrics;

import com.sun.net.httpserver.HttpHandler;
import dev.appliance.alerts.Alerts;
import dev.appliance.docker.EngineListing;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.stack.Stack;
import dev.appliance.status.StatusReport;
import dev.appliance.steps.Installation;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The supervisor's HTTP endpoint, on 127.0.0.1 only: the metrics at {@code /metrics} (Prometheus' text formats) and
 * Prometheus' alerts at {@code POST /api/v2/alerts}. A port already taken is logged, and the supervisor serves on
 * without it.
 */
public final class MetricsEndpoint implements Closeable {

  private final HTTPServer server;

  private MetricsEndpoint(HTTPServer server) {
    this.server = server;
  }

  /**
   * The endpoint that {@code env}'s {@code appliance/metric} asks for, serving while the supervisor runs, or nothing
   * when the exporter is off or its port cannot be had.
   *
   * @param restarts each service's restarts since the supervisor began
   * @param alerts where Prometheus' alerts go
   */
  public static Closeable start(EnvConfig env, Installation installation, Stack stack,
      Supplier<Map<String, Integer>> restarts, Alerts alerts) {
    if (!env.appliance().metric().exporter()) {
      return () -> {};
    }
    EngineListing listing = EngineListing.local();
    ApplianceMetrics metrics = new ApplianceMetrics(() -> StatusReport.read(installation.root(), stack, listing,
        installation.clock(), installation.minimumFreeMib(), installation::holder), restarts, stack.name(),
        VersionProvider.version());
    AlertReceiver receiver = new AlertReceiver(alerts, installation.clock(), installation.log());
    // Beside the start of the stack, not before it: loading the HTTP server's classes takes some 80 ms.
    CompletableFuture<Optional<MetricsEndpoint>> started = CompletableFuture.supplyAsync(() ->
        start(env.appliance().metric().port(), metrics, receiver, installation.log()));
    return () -> started.join().ifPresent(MetricsEndpoint::close);
  }

  /** Serves {@code metrics} and {@code receiver} on 127.0.0.1:{@code port} (0: any free port, for tests). */
  static Optional<MetricsEndpoint> start(int port, MultiCollector metrics, HttpHandler receiver, Consumer<String> log) {
    PrometheusRegistry registry = new PrometheusRegistry();
    registry.register(metrics);
    try {
      HTTPServer server = HTTPServer.builder(PrometheusProperties.builder().build())
          .inetAddress(InetAddress.getLoopbackAddress()).port(port).registry(registry)
          .defaultHandler(receiver).registerHealthHandler(false).buildAndStart();
      log.accept("metrics: serving http://127.0.0.1:" + server.getPort() + "/metrics, and Prometheus' alerts at "
          + AlertReceiver.PATH);
      return Optional.of(new MetricsEndpoint(server));
    } catch (IOException e) {
      log.accept("metrics: cannot serve on 127.0.0.1:" + port + " (" + e.getMessage() + "); the supervisor serves on"
          + " without metrics. Find what holds the port with: ss -ltnp 'sport = :" + port + "', and stop it or choose"
          + " another appliance/metric/port");
      return Optional.empty();
    }
  }

  /** The port it serves on. */
  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
