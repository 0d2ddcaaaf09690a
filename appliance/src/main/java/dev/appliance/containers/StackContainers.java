package dev.appliance.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Condition;
import dev.appliance.stack.Stack.Service;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The stack's containers in the engine: created, started, awaited, stopped and listed by their labels. */
public final class StackContainers {

  /** A service that exited or became unhealthy while the appliance waited for it. */
  public static final class ServiceFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ServiceFailedException(String message) {
      super(message);
    }
  }

  private static final Duration POLL = Duration.ofMillis(100);

  private final DockerClient docker;
  private final Stack stack;
  private final HostRoot root;
  private final Map<String, String> imageIds;
  private final Consumer<String> log;

  public StackContainers(DockerClient docker, Stack stack, HostRoot root, Map<String, String> imageIds, Consumer<String> log) {
    this.docker = docker;
    this.stack = stack;
    this.root = root;
    this.imageIds = Map.copyOf(imageIds);
    this.log = log;
  }

  public Stack stack() {
    return stack;
  }

  /** The stack's private network, named after the stack. */
  public String network() {
    return stack.name();
  }

  /** The specification of {@code service}'s long-running container. */
  public ContainerSpec spec(String service) {
    return ContainerSpec.of(stack, stack.services().get(service), root, imageIds);
  }

  /** Creates the stack's network if it is missing. */
  public void ensureNetwork() {
    boolean exists = docker.listNetworksCmd().withNameFilter(network()).exec().stream()
        .anyMatch(n -> n.getName().equals(network()));
    if (!exists) {
      docker.createNetworkCmd().withName(network()).withDriver("bridge")
          .withLabels(ImageLabels.of(stack.name(), "network")).exec();
      log.accept("network " + network() + " created");
    }
  }

  /**
   * Starts the services, each once its dependencies reached the condition it asks for; services that do not wait
   * for each other start at the same time, as Compose does.
   *
   * @throws ServiceFailedException if a dependency exits or turns unhealthy instead
   */
  public void start(List<Service> services) throws ServiceFailedException, InterruptedException {
    ensureNetwork();
    Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, services.size()));
    try {
      for (Service service : services) {
        // Creating needs no dependency, so a container is created while what it depends on starts.
        CompletableFuture<Void> created = CompletableFuture.runAsync(() -> ensureCreated(service.name()), threads);
        List<CompletableFuture<Void>> before = new ArrayList<>(service.dependsOn().keySet().stream()
            .filter(started::containsKey).map(started::get).toList());
        before.add(created);
        started.put(service.name(), CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
            .thenRunAsync(() -> startAfterDependencies(service), threads));
      }
      CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
      if (cause instanceof ServiceFailedException failed) {
        throw failed;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } finally {
      threads.shutdownNow();
    }
  }

  private void startAfterDependencies(Service service) {
    try {
      for (Map.Entry<String, Condition> dependency : service.dependsOn().entrySet()) {
        await(dependency.getKey(), dependency.getValue());
      }
    } catch (ServiceFailedException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    ensureRunning(service.name());
  }

  /** Makes {@code service}'s container run with its current specification: reused, started, or recreated. */
  public void ensureRunning(String service) {
    ensureCreated(service);
    String name = spec(service).name();
    if (!inspect(name).map(c -> Boolean.TRUE.equals(c.getState().getRunning())).orElse(false)) {
      startContainer(name);
      log.accept(service + ": started");
    }
  }

  /**
   * Makes sure {@code service}'s container exists with its current specification, recreating it (stopped) if its
   * image or settings changed.
   *
   * @return whether it was created now
   */
  private boolean ensureCreated(String service) {
    ContainerSpec spec = spec(service);
    Optional<InspectContainerResponse> existing = inspect(spec.name());
    if (existing.isPresent() && spec.hash().equals(existing.get().getConfig().getLabels().get(ContainerSpec.CONFIG_LABEL))) {
      return false;
    }
    if (existing.isPresent()) {
      log.accept(service + ": recreating (its image or settings changed)");
      remove(spec.name(), Duration.ofSeconds(20));
    }
    spec.create(docker, network());
    log.accept(service + ": created");
    return true;
  }

  private void startContainer(String name) {
    try {
      docker.startContainerCmd(name).exec();
    } catch (NotModifiedException e) {
      // already running
    }
  }

  /** Waits until {@code service} reaches {@code condition}. */
  public void await(String service, Condition condition) throws ServiceFailedException, InterruptedException {
    String name = ContainerSpec.containerName(stack, service);
    Instant deadline = Instant.now().plus(timeout(service));
    while (true) {
      InspectContainerResponse container = inspect(name)
          .orElseThrow(() -> new ServiceFailedException(service + " has no container; it was removed while starting"));
      var state = container.getState();
      boolean running = Boolean.TRUE.equals(state.getRunning());
      long exit = state.getExitCodeLong() == null ? 0 : state.getExitCodeLong();
      if (condition == Condition.SERVICE_COMPLETED_SUCCESSFULLY && !running && state.getFinishedAt() != null
          && !state.getFinishedAt().startsWith("0001")) {
        if (exit == 0) {
          return;
        }
        throw new ServiceFailedException(service + " exited with code " + exit + "; its last lines:\n" + lastLines(name, 20));
      }
      if (!running && condition != Condition.SERVICE_COMPLETED_SUCCESSFULLY) {
        throw new ServiceFailedException(service + " stopped (exit code " + exit + ") while starting; its last lines:\n"
            + lastLines(name, 20));
      }
      String health = state.getHealth() == null ? "none" : state.getHealth().getStatus();
      if (condition == Condition.SERVICE_STARTED || condition == Condition.SERVICE_HEALTHY
          && (health.equals("healthy") || health.equals("none"))) {
        return;
      }
      if (condition == Condition.SERVICE_HEALTHY && passesHealthcheckNow(service, container)) {
        return;
      }
      if (health.equals("unhealthy")) {
        throw new ServiceFailedException(service + " is unhealthy: " + lastProbe(container));
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ServiceFailedException(service + " did not become healthy within " + timeout(service).toSeconds()
            + " s: " + lastProbe(container));
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * Runs the container's own healthcheck test now. Docker runs it first one interval after the start (2 s and
   * more); running it at once shows a ready service seconds earlier, by the same test.
   */
  private boolean passesHealthcheckNow(String service, InspectContainerResponse container) throws InterruptedException {
    var healthcheck = container.getConfig().getHealthcheck();
    List<String> test = healthcheck == null || healthcheck.getTest() == null ? List.of() : healthcheck.getTest();
    if (test.size() < 2 || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"))) {
      return false;
    }
    List<String> command = test.get(0).equals("CMD") ? test.subList(1, test.size()) : List.of("sh", "-c", test.get(1));
    try {
      return exec(service, null, command, OutputStream.nullOutputStream(), new StringBuilder()) == 0;
    } catch (RuntimeException e) {
      // Not running any more, or not yet: the state check decides.
      return false;
    }
  }

  /** Waits until every service in {@code services} with a healthcheck is healthy. */
  public void awaitHealthy(List<Service> services) throws ServiceFailedException, InterruptedException {
    for (Service service : services) {
      await(service.name(), Condition.SERVICE_HEALTHY);
    }
  }

  /** Long enough for the healthcheck's own patience: start period plus interval times retries, and a margin. */
  private Duration timeout(String service) {
    return stack.services().get(service).healthcheck()
        .map(h -> h.startPeriod().plus(h.interval().plus(h.timeout()).multipliedBy(h.retries())).plusSeconds(30))
        .orElse(Duration.ofSeconds(180));
  }

  private static String lastProbe(InspectContainerResponse container) {
    var health = container.getState().getHealth();
    if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
      return "no healthcheck result yet";
    }
    HealthStateLog last = health.getLog().get(health.getLog().size() - 1);
    return "last check exit " + last.getExitCodeLong() + ": " + String.valueOf(last.getOutput()).strip();
  }

  /** The container called {@code name}, if it exists. */
  public Optional<InspectContainerResponse> inspect(String name) {
    try {
      return Optional.of(docker.inspectContainerCmd(name).exec());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** Stops {@code services} in the reverse of the given order, each within {@code timeout}. */
  public void stop(List<Service> services, Duration timeout) {
    List<Service> reversed = new ArrayList<>(services);
    java.util.Collections.reverse(reversed);
    for (Service service : reversed) {
      String name = ContainerSpec.containerName(stack, service.name());
      Optional<InspectContainerResponse> container = inspect(name);
      if (container.isPresent() && Boolean.TRUE.equals(container.get().getState().getRunning())) {
        stopContainer(name, timeout);
        log.accept(service.name() + ": stopped");
      }
    }
  }

  private void stopContainer(String name, Duration timeout) {
    try {
      docker.stopContainerCmd(name).withTimeout((int) timeout.toSeconds()).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // already stopped or gone
    }
  }

  private void remove(String name, Duration timeout) {
    stopContainer(name, timeout);
    try {
      docker.removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // gone already
    }
  }

  /**
   * Runs {@code spec} as a one-off container to its end, its output going to the log, and removes it.
   *
   * @return its exit code
   */
  public long runOnce(ContainerSpec spec, Duration timeout) throws InterruptedException, ServiceFailedException {
    remove(spec.name(), Duration.ofSeconds(5));
    spec.create(docker, network());
    try {
      startContainer(spec.name());
      var wait = docker.waitContainerCmd(spec.name()).start();
      Integer code = wait.awaitStatusCode(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      lastLines(spec.name(), 200).lines().forEach(l -> log.accept(spec.service().name() + " | " + l));
      return code;
    } catch (com.github.dockerjava.api.exception.DockerClientException e) {
      throw new ServiceFailedException(spec.name() + " did not finish within " + timeout.toSeconds() + " s");
    } finally {
      remove(spec.name(), Duration.ofSeconds(5));
    }
  }

  /**
   * Runs {@code command} as {@code user} (null: the container's own) inside {@code service}'s running container, its
   * standard output into {@code stdout}.
   *
   * @return the command's exit code
   */
  public long exec(String service, String user, List<String> command, OutputStream stdout, StringBuilder stderr)
      throws InterruptedException {
    String name = ContainerSpec.containerName(stack, service);
    var create = docker.execCreateCmd(name).withCmd(command.toArray(String[]::new));
    if (user != null) {
      create.withUser(user);
    }
    String exec = create.withAttachStdout(true).withAttachStderr(true).exec().getId();
    docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        try {
          if (frame.getStreamType() == StreamType.STDOUT) {
            stdout.write(frame.getPayload());
          } else {
            stderr.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }).awaitCompletion();
    Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
    return code == null ? -1 : code;
  }

  /** The last {@code lines} lines of the container's output. */
  public String lastLines(String name, int lines) throws InterruptedException {
    StringBuilder text = new StringBuilder();
    try {
      docker.logContainerCmd(name).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
          }).awaitCompletion();
    } catch (NotFoundException e) {
      return "(no container)";
    }
    return text.toString().stripTrailing();
  }

  /** Every container of this stack, running or not. */
  public List<Container> containers() {
    return docker.listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ImageLabels.MANAGED, "true", ImageLabels.STACK, stack.name())).exec();
  }
}
