package dev.appliance.support;

import dev.appliance.containers.ContainerSpec;
import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.engine.ImageBuild;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine port in memory, for the decisions above Docker: containers are created, started, stopped, killed and
 * removed as a real engine would (a name taken is a conflict), and every call is recorded in {@link #calls()}.
 * A container with a healthcheck turns healthy when started, unless the test holds its health back.
 */
public final class FakeEngine implements Engine {

  private final Map<String, ContainerState> containers = new LinkedHashMap<>();
  private final Map<String, String> images = new HashMap<>();
  private final Map<String, Map<String, String>> imageLabels = new HashMap<>();
  private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  private final List<Consumer<ContainerState>> deathListeners = new CopyOnWriteArrayList<>();
  private final Map<String, Predicate<FakeEngine>> healthyWhen = new HashMap<>();
  private final Map<String, Long> oneOffExitCodes = new HashMap<>();
  private final Set<String> runUntilStopped = new HashSet<>();
  private final List<String> networks = new ArrayList<>();
  private final Map<String, Long> execExitCodes = new HashMap<>();
  private final Map<String, Long> stopExitCodes = new HashMap<>();
  private final List<String> dangling = new ArrayList<>();
  private final Set<String> imagesInUse = new HashSet<>();
  private int nextId;

  /** Every call that changed something or ran something, as {@code VERB NAME}, in order. */
  public List<String> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  /** An image the engine has. */
  public FakeEngine withImage(String reference, Map<String, String> labels) {
    String id = "sha256:" + String.format("%064x", reference.hashCode() & 0xffffffffL);
    images.put(reference, id);
    imageLabels.put(id, Map.copyOf(labels));
    return this;
  }

  /** A container outside the stack uses the image {@code reference} names, so its last name cannot go. */
  public synchronized FakeEngine withImageInUse(String reference) {
    imagesInUse.add(images.get(reference));
    return this;
  }

  /** A container nobody told the appliance about, such as another tool's. */
  public synchronized FakeEngine withContainer(String name, Map<String, String> labels, boolean running) {
    containers.put(name, new ContainerState("id-" + name, name, labels, running, 0, !running, "none", "", List.of()));
    return this;
  }

  /** {@code container}'s healthcheck passes only once {@code condition} holds. */
  public synchronized FakeEngine healthyWhen(String container, Predicate<FakeEngine> condition) {
    healthyWhen.put(container, condition);
    return this;
  }

  /** The exit code of one-off runs whose name ends with {@code suffix}. */
  public synchronized FakeEngine oneOffExits(String suffix, long code) {
    oneOffExitCodes.put(suffix, code);
    return this;
  }

  /** The exit code of exec'd commands that start with {@code command}. */
  public synchronized FakeEngine execExits(String command, long code) {
    execExitCodes.put(command, code);
    return this;
  }

  /** The exit code {@code container} ends with when stopped (else 0, as a clean stop). */
  public synchronized FakeEngine stopExits(String container, long code) {
    stopExitCodes.put(container, code);
    return this;
  }

  /** A dangling image (no tag left) with {@code labels}. */
  public synchronized FakeEngine withDangling(String id, Map<String, String> labels) {
    dangling.add(id);
    imageLabels.put(id, Map.copyOf(labels));
    return this;
  }

  /** Whether {@code call} was made. */
  public boolean called(String call) {
    return calls().contains(call);
  }

  /** The container dies with {@code exitCode}, and whoever watches deaths hears of it. */
  public void kill(String name, long exitCode) {
    ContainerState died;
    synchronized (this) {
      ContainerState c = containers.get(name);
      died = new ContainerState(c.id(), name, c.labels(), false, exitCode, true, c.health(), c.lastProbe(), c.healthTest());
      containers.put(name, died);
    }
    calls.add("die " + name);
    deathListeners.forEach(listener -> listener.accept(died));
  }

  @Override
  public synchronized boolean networkExists(String name) {
    return networks.contains(name);
  }

  @Override
  public synchronized void createNetwork(String name, Map<String, String> labels) {
    networks.add(name);
    calls.add("network " + name);
  }

  @Override
  public synchronized Optional<ContainerState> inspect(String nameOrId) {
    String name = containers.values().stream().filter(c -> c.id().equals(nameOrId)).map(ContainerState::name)
        .findFirst().orElse(nameOrId);
    ContainerState c = containers.get(name);
    if (c != null && c.running() && c.health().equals("starting") && healthyWhen.getOrDefault(name, e -> true).test(this)) {
      c = new ContainerState(c.id(), c.name(), c.labels(), true, 0, false, "healthy", "ok", c.healthTest());
      containers.put(name, c);
    }
    return Optional.ofNullable(c);
  }

  @Override
  public synchronized String create(ContainerSpec spec, String network) {
    if (containers.containsKey(spec.name())) {
      throw new IllegalStateException("Conflict: the container name " + spec.name() + " is already in use");
    }
    String health = spec.service().healthcheck().isPresent() ? "starting" : "none";
    List<String> test = spec.service().healthcheck().map(h -> h.test()).orElse(List.of());
    containers.put(spec.name(), new ContainerState("id-" + nextId++, spec.name(), spec.labels(), false, 0, false, health,
        "no healthcheck result yet", test));
    calls.add("create " + spec.name());
    return containers.get(spec.name()).id();
  }

  @Override
  public synchronized void start(String name) {
    ContainerState c = containers.get(name);
    if (c == null) {
      throw new IllegalStateException("No such container: " + name);
    }
    if (!c.running()) {
      containers.put(name, new ContainerState(c.id(), name, c.labels(), true, 0, false,
          c.healthTest().isEmpty() ? "none" : "starting", c.lastProbe(), c.healthTest()));
      calls.add("start " + name);
    }
  }

  @Override
  public synchronized void stop(String nameOrId, Duration timeout) {
    ContainerState c = inspect(nameOrId).orElse(null);
    String name = c == null ? nameOrId : c.name();
    if (c != null && c.running()) {
      containers.put(name, new ContainerState(c.id(), name, c.labels(), false, stopExitCodes.getOrDefault(name, 0L), true,
          c.health(), c.lastProbe(), c.healthTest()));
      calls.add("stop " + name);
    }
  }

  /** Removes by ID only, as the guard must call it (a name could have been taken over since the check). */
  @Override
  public synchronized void remove(String id, String stack, String reason) {
    containers.values().stream().filter(c -> c.id().equals(id)).findFirst().ifPresent(c -> {
      containers.remove(c.name());
      calls.add("remove " + c.name());
    });
  }

  @Override
  public synchronized boolean removeStopped(String id, String stack, String reason) {
    Optional<ContainerState> container = containers.values().stream().filter(c -> c.id().equals(id)).findFirst();
    if (container.isPresent() && container.get().running()) {
      return false;
    }
    remove(id, stack, reason);
    return true;
  }

  @Override
  public synchronized List<ContainerState> containers(Map<String, String> labels) {
    return containers.values().stream()
        .filter(c -> labels.entrySet().stream().allMatch(l -> l.getValue().equals(c.labels().get(l.getKey())))).toList();
  }

  @Override
  public long exec(String name, String user, List<String> command, InputStream stdin, OutputStream stdout,
      StringBuilder stderr) {
    calls.add("exec " + name + " " + String.join(" ", command));
    synchronized (this) {
      ContainerState c = containers.get(name);
      if (c == null || !c.running()) {
        throw new IllegalStateException("container " + name + " is not running");
      }
      // A health test run by hand passes exactly when the engine's own healthcheck would.
      if (!c.healthTest().isEmpty() && command.equals(c.healthTest().subList(1, c.healthTest().size()))) {
        return healthyWhen.getOrDefault(name, e -> true).test(this) ? 0 : 1;
      }
    }
    Long code = execExitCodes.entrySet().stream().filter(e -> String.join(" ", command).startsWith(e.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse(null);
    if (code != null) {
      return code;
    }
    try {
      stdout.write(("output of " + String.join(" ", command)).getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  @Override
  public String logs(String name, int lines) {
    return "(fake logs of " + name + ")";
  }

  /** One-off runs whose name ends with {@code suffix} run until something stops them (or 10 s of real time pass). */
  public synchronized FakeEngine oneOffRunsUntilStopped(String suffix) {
    runUntilStopped.add(suffix);
    return this;
  }

  @Override
  public OptionalLong awaitExit(String name, Duration timeout) throws InterruptedException {
    boolean hangs;
    synchronized (this) {
      hangs = runUntilStopped.stream().anyMatch(name::endsWith);
    }
    if (hangs) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (inspect(name).map(ContainerState::running).orElse(false)) {
        if (System.nanoTime() > deadline) {
          return OptionalLong.empty();
        }
        Thread.sleep(5);
      }
      return OptionalLong.of(143);
    }
    return exitOneOff(name);
  }

  private synchronized OptionalLong exitOneOff(String name) {
    ContainerState c = containers.get(name);
    long code = oneOffExitCodes.entrySet().stream().filter(e -> name.endsWith(e.getKey())).mapToLong(Map.Entry::getValue)
        .findFirst().orElse(0);
    containers.put(name, new ContainerState(c.id(), name, c.labels(), false, code, true, c.health(), c.lastProbe(), c.healthTest()));
    return OptionalLong.of(code);
  }

  @Override
  public Closeable onDeath(Map<String, String> labels, Consumer<ContainerState> died) {
    Consumer<ContainerState> filtered = c -> {
      if (labels.entrySet().stream().allMatch(l -> l.getValue().equals(c.labels().get(l.getKey())))) {
        died.accept(c);
      }
    };
    deathListeners.add(filtered);
    return () -> deathListeners.remove(filtered);
  }

  @Override
  public synchronized Optional<String> imageId(String reference) {
    return Optional.ofNullable(images.get(reference));
  }

  @Override
  public synchronized void tag(String id, String reference) {
    images.put(reference, id);
    calls.add("tag " + id + " " + reference);
  }

  @Override
  public synchronized boolean untag(String reference) {
    String id = images.get(reference);
    if (imagesInUse.contains(id) && java.util.Collections.frequency(images.values(), id) == 1) {
      return false; // Docker's conflict: the last name of an image a container uses
    }
    images.remove(reference);
    calls.add("untag " + reference);
    return true;
  }

  @Override
  public synchronized Map<String, String> imageNames(String repositoryPrefix) {
    Map<String, String> names = new java.util.TreeMap<>();
    images.forEach((name, id) -> {
      if (name.startsWith(repositoryPrefix)) {
        names.put(name, id);
      }
    });
    return names;
  }

  @Override
  public List<String> repoDigests(String id) {
    return List.of();
  }

  @Override
  public synchronized Optional<String> address(String container, String network) {
    return inspect(container).filter(ContainerState::running).map(c -> "10.0.0." + c.id().replaceAll("\\D", ""));
  }

  @Override
  public synchronized void rename(String nameOrId, String newName, String stack) {
    ContainerState c = inspect(nameOrId).orElseThrow();
    containers.remove(c.name());
    containers.put(newName, new ContainerState(c.id(), newName, c.labels(), c.running(), c.exitCode(), c.finished(),
        c.health(), c.lastProbe(), c.healthTest()));
    calls.add("rename " + c.name() + " " + newName);
  }

  @Override
  public synchronized Map<String, String> imageLabels(String id) {
    return imageLabels.getOrDefault(id, Map.of());
  }

  @Override
  public String build(ImageBuild build, Consumer<String> progress) {
    withImage(build.tag(), build.labels());
    calls.add("build " + build.tag());
    return images.get(build.tag());
  }

  @Override
  public void pull(String repository, String tagOrDigest) {
    calls.add("pull " + repository + ":" + tagOrDigest);
  }

  @Override
  public String load(InputStream archive) {
    calls.add("load");
    return "Loaded";
  }

  @Override
  public void save(List<String> references, OutputStream out) {
    calls.add("save " + references);
  }

  @Override
  public synchronized List<String> danglingImages(Map<String, String> labels) {
    return dangling.stream().filter(id -> labels.entrySet().stream()
        .allMatch(l -> l.getValue().equals(imageLabels.getOrDefault(id, Map.of()).get(l.getKey())))).toList();
  }

  @Override
  public synchronized boolean removeImage(String id, String stack, String reason) {
    images.values().remove(id);
    dangling.remove(id);
    calls.add("remove image " + id);
    return true;
  }

  @Override
  public void close() {}
}
