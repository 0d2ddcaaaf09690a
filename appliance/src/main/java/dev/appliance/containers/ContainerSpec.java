package dev.appliance.containers;

import com.github.dockerjava.api.DockerClient;
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
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How one service's container is created: the stack's settings with host paths under the root, the stack's private
 * network with the service name as alias, bounded logs, and no Docker restart policy (the supervisor restarts, so
 * that it can count). {@link #hash()} changes whenever anything here or the image changes, so a container is
 * recreated exactly when its specification differs.
 *
 * @param name the container name, {@code STACK-SERVICE}
 * @param imageId the image ID the container must run
 */
public record ContainerSpec(Stack stack, Service service, HostRoot root, String name, String image, String imageId,
    Optional<List<String>> command) {

  /** Label holding {@link #hash()}. */
  public static final String CONFIG_LABEL = "appliance.config";
  /** Docker's json-file logs, bounded so that a chatty service cannot fill /volatile. */
  static final Map<String, String> LOG_LIMITS = Map.of("max-size", "10m", "max-file", "3");

  /** The long-running container of {@code service}. */
  public static ContainerSpec of(Stack stack, Service service, HostRoot root, Map<String, String> imageIds) {
    String image = StackImages.imageName(stack, service);
    return new ContainerSpec(stack, service, root, containerName(stack, service.name()), image,
        imageIds.getOrDefault(image, ""), service.command());
  }

  /** A one-off container of {@code service} running {@code command}, without published ports. */
  public ContainerSpec oneOff(String suffix, List<String> oneOffCommand) {
    return new ContainerSpec(stack, service, root, name + "-" + suffix, image, imageId, Optional.of(oneOffCommand));
  }

  /** {@code STACK-SERVICE}. */
  public static String containerName(Stack stack, String service) {
    return stack.name() + "-" + service;
  }

  private boolean isOneOff() {
    return !name.equals(containerName(stack, service.name()));
  }

  /** Labels: the appliance's own, the service's, and the specification's hash. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>(service.labels());
    labels.putAll(ImageLabels.of(stack.name(), service.name()));
    labels.put(CONFIG_LABEL, hash());
    return labels;
  }

  /** SHA-256 over everything that goes into the container. */
  public String hash() {
    StringBuilder text = new StringBuilder();
    text.append(imageId).append('\n').append(command).append('\n').append(service.entrypoint()).append('\n')
        .append(new TreeMap<>(service.environment())).append('\n').append(binds()).append('\n')
        .append(isOneOff() ? List.of() : service.ports()).append('\n').append(service.user()).append('\n')
        .append(service.memLimitBytes()).append(service.cpus()).append(service.readOnly()).append(service.tmpfs())
        .append(service.init()).append(service.healthcheck()).append(new TreeMap<>(service.labels()));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Bind> binds() {
    return service.volumes().stream()
        .map(v -> new Bind(root.resolve(v.host()).toString(), new Volume(v.container()), v.readOnly() ? AccessMode.ro : AccessMode.rw))
        .toList();
  }

  /** Creates the container (not started) on {@code network}; returns its ID. */
  public String create(DockerClient docker, String network) {
    HostConfig host = HostConfig.newHostConfig()
        .withBinds(binds())
        .withNetworkMode(network)
        .withRestartPolicy(RestartPolicy.noRestart())
        .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, LOG_LIMITS))
        .withReadonlyRootfs(service.readOnly())
        .withInit(service.init());
    if (!service.tmpfs().isEmpty()) {
      Map<String, String> tmpfs = new LinkedHashMap<>();
      service.tmpfs().forEach(t -> tmpfs.put(t, ""));
      host.withTmpFs(tmpfs);
    }
    service.memLimitBytes().ifPresent(host::withMemory);
    service.cpus().ifPresent(c -> host.withNanoCPUs((long) (c * 1e9)));
    CreateContainerCmd create = docker.createContainerCmd(image)
        .withName(name)
        .withLabels(labels())
        .withEnv(service.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withAliases(isOneOff() ? List.of() : List.of(service.name()));
    if (!isOneOff() && !service.ports().isEmpty()) {
      Ports ports = new Ports();
      List<ExposedPort> exposed = service.ports().stream().map(p -> ExposedPort.tcp(p.containerPort())).toList();
      service.ports().forEach(p -> ports.bind(ExposedPort.tcp(p.containerPort()), Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort())));
      create.withExposedPorts(exposed);
      host.withPortBindings(ports);
    }
    command.ifPresent(create::withCmd);
    service.entrypoint().ifPresent(create::withEntrypoint);
    service.user().ifPresent(create::withUser);
    service.healthcheck().ifPresent(h -> create.withHealthcheck(new HealthCheck()
        .withTest(h.test())
        .withInterval(h.interval().toNanos())
        .withTimeout(h.timeout().toNanos())
        .withRetries(h.retries())
        .withStartPeriod(h.startPeriod().toNanos())));
    return create.withHostConfig(host).exec().getId();
  }
}
