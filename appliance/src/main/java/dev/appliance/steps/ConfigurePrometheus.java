package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig.MetricConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.metrics.PrometheusServer;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code appliance/metric/server}: Debian's Prometheus with the appliance's configuration and rules, enabled and
 * restarted when they change; without it, Prometheus stopped and disabled if it is installed. The files go under the
 * root; systemctl runs only on the machine's own root under systemd, so a test root gets the files alone.
 */
final class ConfigurePrometheus implements Step {

  private static final Duration SYSTEMCTL = Duration.ofMinutes(2);

  private final MetricConfig metric;
  private final boolean underSystemd;

  ConfigurePrometheus(MetricConfig metric, boolean underSystemd) {
    this.metric = metric;
    this.underSystemd = underSystemd;
  }

  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!underSystemd) {
      return !metric.server() ? Optional.of("off (appliance/metric/server is false)")
          : filesCurrent(context) ? Optional.of("configured (started only on the machine's own root, under systemd)")
          : Optional.empty();
    }
    Map<String, String> unit = unit(context);
    boolean enabled = unit.get("UnitFileState").equals("enabled");
    boolean active = unit.get("ActiveState").equals("active");
    if (!metric.server()) {
      return unit.get("LoadState").equals("not-found") ? Optional.of("off (prometheus is not installed)")
          : !enabled && !active ? Optional.of("off and disabled") : Optional.empty();
    }
    return filesCurrent(context) && !Files.exists(pending(context)) && enabled && active
        ? Optional.of("configured and running on " + PrometheusServer.LISTEN) : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    if (!metric.server()) {
      context.processes().run(SystemctlCommands.disableNow(PrometheusServer.UNIT), SYSTEMCTL);
      context.log().accept("prometheus stopped and disabled (appliance/metric/server is false)");
      return;
    }
    if (underSystemd && unit(context).get("LoadState").equals("not-found")) {
      throw new IOException("appliance/metric/server is true, but Prometheus is not installed; install it with:"
          + " apt-get install prometheus (or set appliance/metric/server: false)");
    }
    if (underSystemd) {
      // Kept from the change until the restart succeeded, so that a crash between the two still restarts it.
      context.root().files().write(pending(context), "rw-r--r--", "");
    }
    for (Map.Entry<String, String> file : PrometheusServer.files(metric.port()).entrySet()) {
      context.root().files().write(context.root().resolve(file.getKey()), "rw-r--r--", file.getValue());
    }
    if (underSystemd) {
      ProcessRunner processes = context.processes();
      processes.run(SystemctlCommands.enable(PrometheusServer.UNIT), SYSTEMCTL);
      processes.run(SystemctlCommands.restart(PrometheusServer.UNIT), SYSTEMCTL);
      context.root().files().delete(pending(context));
      context.log().accept("prometheus: (re)started on " + PrometheusServer.LISTEN + ", scraping 127.0.0.1:" + metric.port()
          + " and the node exporter");
    } else {
      context.log().accept("prometheus: configured in " + context.root().resolve("/etc/prometheus")
          + " (started only on the machine's own root, under systemd)");
    }
  }

  private boolean filesCurrent(StepContext context) throws IOException {
    for (Map.Entry<String, String> file : PrometheusServer.files(metric.port()).entrySet()) {
      Path path = context.root().resolve(file.getKey());
      if (!Files.isRegularFile(path) || !Files.readString(path).equals(file.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static Path pending(StepContext context) {
    return context.root().runState().resolve("prometheus-restart-pending");
  }

  /** LoadState ({@code loaded}, {@code not-found}), UnitFileState and ActiveState of prometheus.service. */
  private static Map<String, String> unit(StepContext context) throws IOException {
    String shown = context.processes().run(SystemctlCommands.show(PrometheusServer.UNIT,
        List.of("LoadState", "UnitFileState", "ActiveState")), SYSTEMCTL).stdout();
    Map<String, String> properties = new HashMap<>(Map.of("LoadState", "", "UnitFileState", "", "ActiveState", ""));
    shown.lines().filter(l -> l.contains("=")).forEach(l -> properties.put(l.substring(0, l.indexOf('=')),
        l.substring(l.indexOf('=') + 1).strip()));
    return properties;
  }
}
