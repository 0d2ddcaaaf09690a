package dev.appliance.engine;

import dev.appliance.containers.ContainerSpec;
import dev.appliance.images.ImageLabels;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The engine every part of the appliance gets: it logs every destructive call (remove, stop) with the resource and
 * the reason, and refuses to remove a container or image that lacks {@code appliance.managed=true} or belongs to
 * another stack. A container of someone else that bears one of the stack's names is left alone and reported.
 */
public final class GuardedEngine implements Engine {

  private final Engine engine;
  private final Consumer<String> log;

  public GuardedEngine(Engine engine, Consumer<String> log) {
    this.engine = engine;
    this.log = log;
  }

  /** Refuses {@code container} unless it carries the appliance's labels for {@code stack}. */
  public static void requireOwned(ContainerState container, String stack) {
    if (!"true".equals(container.label(ImageLabels.MANAGED)) || !stack.equals(container.label(ImageLabels.STACK))) {
      String owner = "true".equals(container.label(ImageLabels.MANAGED))
          ? "it belongs to the appliance stack '" + container.label(ImageLabels.STACK) + "'"
          : "it does not carry the label " + ImageLabels.MANAGED + "=true";
      throw new ForeignResourceException("the container " + container.name() + " is not this appliance's (" + owner
          + "), so it was left alone; the stack '" + stack + "' needs that name. If it is not needed, remove it (docker rm -f "
          + container.name() + "), or rename it (docker rename " + container.name() + " " + container.name() + "-old), then run"
          + " the step again");
    }
  }

  @Override
  public void remove(String name, String stack, String reason) {
    Optional<ContainerState> container = engine.inspect(name);
    if (container.isEmpty()) {
      return;
    }
    requireOwned(container.get(), stack);
    log.accept("removing container " + name + ": " + reason);
    engine.remove(container.get().id(), stack, reason);
  }

  @Override
  public boolean removeStopped(String id, String stack, String reason) {
    Optional<ContainerState> container = engine.inspect(id);
    if (container.isEmpty()) {
      return true;
    }
    requireOwned(container.get(), stack);
    log.accept("removing container " + container.get().name() + ": " + reason);
    return engine.removeStopped(container.get().id(), stack, reason);
  }

  @Override
  public boolean removeImage(String id, String stack, String reason) {
    Map<String, String> labels = engine.imageLabels(id);
    if (!"true".equals(labels.get(ImageLabels.MANAGED)) || !stack.equals(labels.get(ImageLabels.STACK))) {
      throw new ForeignResourceException("the image " + id + " is not this appliance stack's (labels " + labels
          + "), so it was left alone");
    }
    log.accept("removing image " + id + ": " + reason);
    return engine.removeImage(id, stack, reason);
  }

  @Override
  public void rename(String name, String newName, String stack) {
    ContainerState container = engine.inspect(name)
        .orElseThrow(() -> new IllegalStateException("there is no container " + name + " to rename"));
    requireOwned(container, stack);
    log.accept("renaming container " + name + " to " + newName);
    engine.rename(container.id(), newName, stack);
  }

  @Override
  public List<String> repoDigests(String id) {
    return engine.repoDigests(id);
  }

  @Override
  public Optional<String> address(String container, String network) {
    return engine.address(container, network);
  }

  @Override
  public void tag(String id, String reference) {
    engine.tag(id, reference);
  }

  /** The tags the appliance gives the images it keeps for a rollback ({@code REPOSITORY:appliance-kept-ID}). */
  public static final String KEPT_TAG = "appliance-kept-";

  /** Takes off a name the appliance gave; any other name is refused. */
  @Override
  public boolean untag(String reference) {
    if (!reference.substring(reference.lastIndexOf(':') + 1).startsWith(KEPT_TAG)) {
      throw new ForeignResourceException("the image name " + reference + " is not one the appliance gave, so it was left alone");
    }
    log.accept("removing image name " + reference);
    return engine.untag(reference);
  }

  @Override
  public Map<String, String> imageNames(String repositoryPrefix) {
    return engine.imageNames(repositoryPrefix);
  }

  /** Stops the container if it is a stack's own; another's, bearing the name, is left running and reported. */
  @Override
  public void stop(String name, Duration timeout) {
    Optional<ContainerState> container = engine.inspect(name);
    if (container.isEmpty() || !container.get().running()) {
      return;
    }
    if (!"true".equals(container.get().label(ImageLabels.MANAGED))) {
      log.accept("left running: the container " + name + " is not the appliance's (no " + ImageLabels.MANAGED + " label)");
      return;
    }
    log.accept("stopping container " + name + " (within " + timeout.toSeconds() + " s, then killed)");
    engine.stop(container.get().id(), timeout);
  }

  @Override
  public String create(ContainerSpec spec, String network) {
    Optional<ContainerState> existing = engine.inspect(spec.name());
    if (existing.isPresent()) {
      // Creating would fail on the name; say whose it is instead.
      requireOwned(existing.get(), spec.stack().name());
    }
    return engine.create(spec, network);
  }

  @Override
  public boolean networkExists(String name) {
    return engine.networkExists(name);
  }

  @Override
  public void createNetwork(String name, Map<String, String> labels) {
    engine.createNetwork(name, labels);
  }

  @Override
  public Optional<ContainerState> inspect(String name) {
    return engine.inspect(name);
  }

  @Override
  public void start(String name) {
    engine.start(name);
  }

  @Override
  public List<ContainerState> containers(Map<String, String> labels) {
    return engine.containers(labels);
  }

  @Override
  public long exec(String name, String user, List<String> command, InputStream stdin, OutputStream stdout,
      StringBuilder stderr) throws InterruptedException {
    return engine.exec(name, user, command, stdin, stdout, stderr);
  }

  @Override
  public String logs(String name, int lines) throws InterruptedException {
    return engine.logs(name, lines);
  }

  @Override
  public OptionalLong awaitExit(String name, Duration timeout) throws InterruptedException {
    return engine.awaitExit(name, timeout);
  }

  @Override
  public Closeable onDeath(Map<String, String> labels, Consumer<ContainerState> died) {
    return engine.onDeath(labels, died);
  }

  @Override
  public Optional<String> imageId(String reference) {
    return engine.imageId(reference);
  }

  @Override
  public Map<String, String> imageLabels(String id) {
    return engine.imageLabels(id);
  }

  @Override
  public String build(ImageBuild build, Consumer<String> progress) throws InterruptedException {
    return engine.build(build, progress);
  }

  @Override
  public void pull(String repository, String tagOrDigest) throws InterruptedException {
    engine.pull(repository, tagOrDigest);
  }

  @Override
  public String load(InputStream archive) throws InterruptedException {
    return engine.load(archive);
  }

  @Override
  public void save(List<String> images, OutputStream out) throws IOException {
    engine.save(images, out);
  }

  @Override
  public List<String> danglingImages(Map<String, String> labels) {
    return engine.danglingImages(labels);
  }

  @Override
  public void close() throws IOException {
    engine.close();
  }
}
