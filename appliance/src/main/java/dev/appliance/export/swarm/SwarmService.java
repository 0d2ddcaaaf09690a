package dev.appliance.export.swarm;

import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Healthcheck;
import dev.appliance.stack.Stack.PortBinding;
import dev.appliance.stack.Stack.Restart;
import dev.appliance.stack.Stack.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One service of the stack as a service of the Swarm stack file (compose format 3.9). */
final class SwarmService {

  /** The placement constraint of every service that binds the data node's directories. */
  static final String DATA_CONSTRAINT = "node.labels." + ExportSource.DATA_NODE_LABEL + " == true";
  /** Secret files readable by their owner only. */
  static final int SECRET_MODE = 0400;

  private final ExportSource source;
  private final SwarmObjects objects;
  private final Path nodeRoot;

  SwarmService(ExportSource source, SwarmObjects objects, Path nodeRoot) {
    this.source = source;
    this.objects = objects;
    this.nodeRoot = nodeRoot;
  }

  Map<String, Object> of(Service service) {
    Map<String, Object> out = new LinkedHashMap<>();
    service.image().ifPresent(image -> out.put("image", image));
    service.entrypoint().ifPresent(entrypoint -> out.put("entrypoint", entrypoint));
    service.command().ifPresent(command -> out.put("command", command));
    Map<String, EnvValue> environment = source.environments().get(service.name());
    if (!environment.isEmpty()) {
      out.put("environment", environment(environment));
    }
    List<Object> secrets = secrets(service, environment);
    if (!secrets.isEmpty()) {
      out.put("secrets", secrets);
    }
    if (source.isProxy(service)) {
      out.put("configs", List.of(site(service)));
      out.put("ports", service.ports().stream().map(SwarmService::hostPort).toList());
    }
    List<Object> volumes = volumes(service);
    if (!volumes.isEmpty()) {
      out.put("volumes", volumes);
    }
    service.healthcheck().ifPresent(h -> out.put("healthcheck", healthcheck(h)));
    service.user().ifPresent(user -> out.put("user", user));
    if (service.init()) {
      out.put("init", true);
    }
    if (service.readOnly()) {
      out.put("read_only", true);
    }
    if (!service.labels().isEmpty()) {
      out.put("labels", service.labels());
    }
    out.put("deploy", deploy(service));
    return out;
  }

  /** A secret's value is a file: KEY becomes KEY_FILE, naming it (the application reads either). */
  private static Map<String, String> environment(Map<String, EnvValue> environment) {
    Map<String, String> out = new LinkedHashMap<>();
    environment.forEach((key, value) -> {
      if (value instanceof EnvValue.Secret secret) {
        out.put(key + "_FILE", SwarmObjects.SECRETS_DIR + secret.name());
      } else {
        out.put(key, ((EnvValue.Plain) value).value());
      }
    });
    return out;
  }

  private static List<Object> secrets(Service service, Map<String, EnvValue> environment) {
    Set<String> names = new LinkedHashSet<>();
    environment.values().forEach(v -> {
      if (v instanceof EnvValue.Secret secret) {
        names.add(secret.name());
      }
    });
    List<Object> out = new ArrayList<>();
    for (String name : names) {
      Map<String, Object> secret = new LinkedHashMap<>();
      secret.put("source", name);
      secret.put("target", name);
      secret.putAll(ServiceOwner.of(service).entries());
      secret.put("mode", SECRET_MODE);
      out.add(secret);
    }
    return out;
  }

  /** The site, where the front read it from the bound /app/etc/front. */
  private static Map<String, Object> site(Service front) {
    String dir = front.volumes().stream().filter(m -> m.host().equals(ExportSource.FRONT_SITE_DIR)).findFirst()
        .map(BindMount::container).orElse("/etc/nginx/appliance");
    return ComposeYaml.map("source", "site", "target", dir + "/site.conf", "mode", 0444);
  }

  /** Host mode: the port opens on the node the front runs on and keeps the client's address (the mesh hides it). */
  private static Map<String, Object> hostPort(PortBinding port) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("target", port.containerPort());
    out.put("published", port.hostPort());
    out.put("protocol", "tcp");
    out.put("mode", "host");
    return out;
  }

  private List<Object> volumes(Service service) {
    List<Object> out = new ArrayList<>();
    for (BindMount mount : ExportSource.dataMounts(service)) {
      Map<String, Object> bind = new LinkedHashMap<>();
      bind.put("type", "bind");
      bind.put("source", onNode(mount.host()));
      bind.put("target", mount.container());
      if (mount.readOnly()) {
        bind.put("read_only", true);
      }
      out.add(bind);
    }
    // The long syntax: Swarm ignores the service's tmpfs key.
    service.tmpfs().forEach(path -> out.add(ComposeYaml.map("type", "tmpfs", "target", path)));
    return out;
  }

  /** Where the data node keeps {@code host} (a path under /data or /volatile). */
  String onNode(String host) {
    return nodeRoot.resolve(host.substring(1)).toString();
  }

  private static Map<String, Object> healthcheck(Healthcheck healthcheck) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!healthcheck.test().isEmpty()) {
      out.put("test", healthcheck.test());
    }
    out.put("interval", SwarmDurations.format(healthcheck.interval()));
    out.put("timeout", SwarmDurations.format(healthcheck.timeout()));
    out.put("retries", healthcheck.retries());
    if (!healthcheck.startPeriod().isZero()) {
      out.put("start_period", SwarmDurations.format(healthcheck.startPeriod()));
    }
    return out;
  }

  private Map<String, Object> deploy(Service service) {
    Map<String, Object> out = new LinkedHashMap<>();
    // DNS round robin instead of a virtual IP: it needs no IPVS in the nodes' kernels, and names only healthy tasks.
    out.put("endpoint_mode", "dnsrr");
    Map<String, Object> limits = new LinkedHashMap<>();
    service.memLimitBytes().ifPresent(bytes -> limits.put("memory", memory(bytes)));
    service.cpus().ifPresent(cpus -> limits.put("cpus", cpus.toString()));
    if (!limits.isEmpty()) {
      out.put("resources", Map.of("limits", limits));
    }
    out.put("restart_policy", Map.of("condition", restartCondition(service.restart())));
    if (ExportSource.bindsData(service)) {
      out.put("placement", Map.of("constraints", List.of(DATA_CONSTRAINT)));
    }
    boolean web = service.name().equals(source.stack().appliance().web().service());
    out.put("update_config", update(service, web, "rollback"));
    out.put("rollback_config", update(service, web, "pause"));
    return out;
  }

  /**
   * The web service starts its next task before it stops the last (its health check gates the traffic), every other
   * one stops first: two of a database on one directory would destroy it. A failed update rolls back.
   */
  private static Map<String, Object> update(Service service, boolean web, String failureAction) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("parallelism", 1);
    out.put("order", web ? "start-first" : "stop-first");
    out.put("failure_action", failureAction);
    out.put("monitor", SwarmDurations.format(SwarmDurations.untilUnhealthy(service.healthcheck())));
    return out;
  }

  static String restartCondition(Restart restart) {
    return switch (restart) {
      case NO -> "none";
      case ON_FAILURE -> "on-failure";
      // Swarm has no stopped-by-hand state to keep: a service is scaled to 0 instead.
      case ALWAYS, UNLESS_STOPPED -> "any";
    };
  }

  /** In the units Docker reads (binary: M is MiB), the largest that divides the size. */
  static String memory(long bytes) {
    String[] units = {"G", "M", "K"};
    for (int i = 0; i < units.length; i++) {
      long unit = 1L << (10 * (3 - i));
      if (bytes % unit == 0) {
        return bytes / unit + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
