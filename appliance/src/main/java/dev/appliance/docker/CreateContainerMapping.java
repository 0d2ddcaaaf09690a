package dev.appliance.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.stack.Stack.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ContainerSpec} as docker-java's create command: binds, the stack's network with the service name as alias,
 * bounded logs, no Docker restart policy (the supervisor restarts, so that it can count). Kept apart from the engine
 * call so that it can be checked without Docker.
 */
public final class CreateContainerMapping {

  private CreateContainerMapping() {}

  /** Sets everything {@code spec} says on {@code create}, which then only needs executing. */
  public static CreateContainerCmd applyTo(ContainerSpec spec, String network, CreateContainerCmd create) {
    Service service = spec.service();
    HostConfig host = HostConfig.newHostConfig()
        .withBinds(spec.mounts().stream()
            .map(m -> new Bind(m.hostPath(), new Volume(m.containerPath()), m.readOnly() ? AccessMode.ro : AccessMode.rw))
            .toList())
        .withNetworkMode(network)
        .withRestartPolicy(RestartPolicy.noRestart())
        .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, ContainerSpec.LOG_LIMITS))
        .withReadonlyRootfs(service.readOnly())
        .withInit(service.init());
    if (!service.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      service.tmpfs().forEach(t -> tmpfs.put(t, ""));
      host.withTmpFs(tmpfs);
    }
    service.memLimitBytes().ifPresent(host::withMemory);
    service.cpus().ifPresent(c -> host.withNanoCPUs((long) (c * 1e9)));
    create.withName(spec.name())
        .withLabels(spec.labels())
        .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withAliases(spec.oneOffRun() ? List.of() : List.of(service.name()));
    if (!spec.oneOffRun() && !service.ports().isEmpty()) {
      Ports ports = new Ports();
      service.ports().forEach(p -> ports.bind(ExposedPort.tcp(p.containerPort()),
          Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort())));
      create.withExposedPorts(service.ports().stream().map(p -> ExposedPort.tcp(p.containerPort())).toList());
      host.withPortBindings(ports);
    }
    spec.command().ifPresent(create::withCmd);
    service.entrypoint().ifPresent(create::withEntrypoint);
    service.user().ifPresent(create::withUser);
    service.healthcheck().ifPresent(h -> create.withHealthcheck(new HealthCheck()
        .withTest(h.test())
        .withInterval(h.interval().toNanos())
        .withTimeout(h.timeout().toNanos())
        .withRetries(h.retries())
        .withStartPeriod(h.startPeriod().toNanos())));
    return create.withHostConfig(host);
  }
}
