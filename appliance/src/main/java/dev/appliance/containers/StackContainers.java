package dev.appliance.containers;

import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Condition;
import dev.appliance.stack.Stack.Service;
import dev.appliance.time.Sleeper;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The stack's containers in the engine, as the steps and the supervisor use them: started in parallel by their
 * dependencies, awaited, stopped in reverse order, run once, and listed by their labels. Each part is its own
 * class ({@link ParallelStart}, {@link ContainerReconciler}, {@link Readiness}, {@link OneOffRun}); this one ties
 * them to one stack, root and set of image IDs.
 */
public final class StackContainers {

  private final Engine engine;
  private final Stack stack;
  private final HostRoot root;
  private final Map<String, String> imageIds;
  private final Consumer<String> log;
  private final StackNetwork network;
  private final ContainerReconciler reconciler;
  private final Await await;

  public StackContainers(Engine engine, Stack stack, HostRoot root, Map<String, String> imageIds, Clock clock,
      Sleeper sleeper, Consumer<String> log) {
    this.engine = engine;
    this.stack = stack;
    this.root = root;
    this.imageIds = Map.copyOf(imageIds);
    this.log = log;
    this.network = new StackNetwork(engine, stack, log);
    this.reconciler = new ContainerReconciler(engine, network, this::spec, log);
    this.await = new Await(engine, clock, sleeper);
  }

  public Stack stack() {
    return stack;
  }

  public StackNetwork network() {
    return network;
  }

  /** The specification of {@code service}'s long-running container. */
  public ContainerSpec spec(String service) {
    return ContainerSpec.of(stack, stack.services().get(service), root, imageIds);
  }

  private String name(String service) {
    return ContainerSpec.containerName(stack, service);
  }

  /** Starts {@code services} (in start order), each once its dependencies are ready. */
  public void start(List<Service> services) throws ServiceFailedException, InterruptedException {
    network.ensure();
    new ParallelStart(new ParallelStart.Actions() {
      @Override
      public void create(String service) {
        reconciler.ensureCreated(service);
      }

      @Override
      public void await(String service, Condition condition) throws ServiceFailedException, InterruptedException {
        StackContainers.this.await(service, condition);
      }

      @Override
      public void run(String service) {
        reconciler.ensureRunning(service);
      }
    }).start(services);
  }

  /** Makes {@code service}'s container run with its current specification. */
  public void ensureRunning(String service) {
    reconciler.ensureRunning(service);
  }

  /** Waits until {@code service} reaches {@code condition}. */
  public void await(String service, Condition condition) throws ServiceFailedException, InterruptedException {
    await.until(name(service), Readiness.of(condition, timeout(service)));
  }

  /** Waits until every service in {@code services} with a healthcheck is healthy. */
  public void awaitHealthy(List<Service> services) throws ServiceFailedException, InterruptedException {
    for (Service service : services) {
      await(service.name(), Condition.SERVICE_HEALTHY);
    }
  }

  /** Waits until {@code readiness} holds for {@code service}. */
  public void await(String service, Readiness readiness) throws ServiceFailedException, InterruptedException {
    await.until(name(service), readiness);
  }

  /** Long enough for the healthcheck's own patience: start period plus interval times retries, and a margin. */
  private Duration timeout(String service) {
    return stack.services().get(service).healthcheck()
        .map(h -> h.startPeriod().plus(h.interval().plus(h.timeout()).multipliedBy(h.retries())).plusSeconds(30))
        .orElse(Duration.ofSeconds(180));
  }

  /** The container of {@code service}, if it exists. */
  public Optional<ContainerState> inspect(String service) {
    return engine.inspect(name(service));
  }

  public boolean running(String service) {
    return inspect(service).map(ContainerState::running).orElse(false);
  }

  /**
   * Stops {@code services} in the reverse of the given order, each within {@code timeout}, and logs how each stop
   * ended ({@link StopOutcome}), with the last lines of a service that stopped badly.
   *
   * @return the services that stopped badly
   */
  public List<String> stop(List<Service> services, Duration timeout) {
    List<Service> reversed = new ArrayList<>(services);
    Collections.reverse(reversed);
    List<String> badly = new ArrayList<>();
    for (Service service : reversed) {
      if (running(service.name())) {
        engine.stop(name(service.name()), timeout);
        Optional<ContainerState> stopped = inspect(service.name());
        if (stopped.isEmpty()) {
          log.accept(service.name() + ": stopped (its container is gone: how it ended is unknown)");
          continue;
        }
        StopOutcome outcome = new StopOutcome(stopped.get().exitCode(), timeout);
        log.accept(service.name() + ": " + outcome.describe() + (outcome.bad() ? lastLinesOf(service.name()) : ""));
        if (outcome.bad()) {
          badly.add(service.name());
        }
      }
    }
    return badly;
  }

  private String lastLinesOf(String service) {
    try {
      return "; its last lines:\n" + service + " | " + lastLines(service, 10).replace("\n", "\n" + service + " | ");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "; its lines: docker logs " + name(service);
    }
  }

  /**
   * Stops the stack's one-off containers (a migration), then every service in the reverse of the start order: what
   * {@code appliance stop} means.
   *
   * @return the services that stopped badly
   */
  public List<String> stopAll(Duration timeout) {
    for (ContainerState container : containers()) {
      if (container.running() && isOneOff(container)) {
        engine.stop(container.name(), timeout);
        log.accept(container.name() + ": one-off run stopped");
      }
    }
    return stop(StartOrder.of(stack), timeout);
  }

  private boolean isOneOff(ContainerState container) {
    return !container.name().equals(name(container.label(ImageLabels.SERVICE)));
  }

  /** Runs {@code spec} as a one-off container to its end; returns its exit code. */
  public long runOnce(ContainerSpec spec, Duration timeout) throws InterruptedException, ServiceFailedException {
    network.ensure();
    return new OneOffRun(engine, network, log).run(spec, timeout);
  }

  /** Runs {@code command} as {@code user} (null: the image's) in {@code service}'s running container. */
  public long exec(String service, String user, List<String> command, OutputStream stdout, StringBuilder stderr)
      throws InterruptedException {
    return engine.exec(name(service), user, command, stdout, stderr);
  }

  /** Runs {@code command} in the service's running container with {@code stdin} as its standard input. */
  public long exec(String service, String user, List<String> command, java.io.InputStream stdin, OutputStream stdout,
      StringBuilder stderr) throws InterruptedException {
    return engine.exec(name(service), user, command, stdin, stdout, stderr);
  }

  /** The last {@code lines} lines of {@code service}'s output. */
  public String lastLines(String service, int lines) throws InterruptedException {
    return engine.logs(name(service), lines);
  }

  /** Every container of this stack, running or not. */
  public List<ContainerState> containers() {
    return engine.containers(Map.of(ImageLabels.MANAGED, "true", ImageLabels.STACK, stack.name()));
  }
}
