package dev.appliance.containers;

import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import org.apache.commons.codec.digest.DigestUtils;
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
  public static final Map<String, String> LOG_LIMITS = Map.of("max-size", "10m", "max-file", "3");

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

  /**
   * The next version's container of this service beside the running one during an update, {@code STACK-SERVICE-next}:
   * the same specification (and hash, so it is the service's container once renamed), with the service's alias.
   */
  public ContainerSpec candidate() {
    return new ContainerSpec(stack, service, root, candidateName(stack, service.name()), image, imageId, command);
  }

  /** {@code STACK-SERVICE-next}. */
  public static String candidateName(Stack stack, String service) {
    return containerName(stack, service) + "-" + CANDIDATE;
  }

  private static final String CANDIDATE = "next";

  /**
   * A throwaway copy of this service's container called {@code STACK-SERVICE-SUFFIX}, its host paths under
   * {@code other} instead of the appliance's root, without published ports (the restore drill's database).
   */
  public ContainerSpec elsewhere(String suffix, HostRoot other) {
    return new ContainerSpec(stack, service, other, name + "-" + suffix, image, imageId, command);
  }

  /** {@code STACK-SERVICE}. */
  public static String containerName(Stack stack, String service) {
    return stack.name() + "-" + service;
  }

  private boolean isOneOff() {
    return !name.equals(containerName(stack, service.name())) && !name.equals(candidateName(stack, service.name()));
  }

  /** Labels: the appliance's own, the service's, and the specification's hash. */
  public Map<String, String> labels() {
    Map<String, String> labels = new TreeMap<>(service.labels());
    labels.putAll(ImageLabels.of(stack.name(), service.name()));
    labels.put(CONFIG_LABEL, hash());
    return labels;
  }

  // The text the hash has always been made of (docker-java's Bind.toString()), so that an upgrade of the appliance
  // does not recreate every container.
  private List<String> mountsText() {
    return mounts().stream().map(m -> m.hostPath() + ":" + m.containerPath() + ":" + (m.readOnly() ? "ro" : "rw")).toList();
  }

  /** SHA-256 over everything that goes into the container. */
  public String hash() {
    StringBuilder text = new StringBuilder();
    text.append(imageId).append('\n').append(command).append('\n').append(service.entrypoint()).append('\n')
        .append(new TreeMap<>(service.environment())).append('\n').append(mountsText()).append('\n')
        .append(isOneOff() ? List.of() : service.ports()).append('\n').append(service.user()).append('\n')
        .append(service.memLimitBytes()).append(service.cpus()).append(service.readOnly()).append(service.tmpfs())
        .append(service.init()).append(service.healthcheck()).append(new TreeMap<>(service.labels()));
    return DigestUtils.sha256Hex(text.toString()).substring(0, 32);
  }

  /** A host directory (under the root) mounted into the container. */
  public record Mount(String hostPath, String containerPath, boolean readOnly) {}

  /** The service's bind mounts, host sides resolved under the root. */
  public List<Mount> mounts() {
    return service.volumes().stream()
        .map(v -> new Mount(root.resolve(v.host()).toString(), v.container(), v.readOnly()))
        .toList();
  }

  /** Whether this is a one-off run: no published ports, no alias on the network. */
  public boolean oneOffRun() {
    return isOneOff();
  }
}
