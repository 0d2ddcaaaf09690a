package dev.appliance.steps;

import dev.appliance.alerts.Alerting;
import dev.appliance.alerts.Alerts;
import dev.appliance.containers.StackContainers;
import dev.appliance.docker.EngineListing;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.status.StatusReport;
import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.engine.GuardedEngine;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostLock;
import dev.appliance.host.HostRoot;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.supervise.SystemctlCommands;
import dev.appliance.time.Sleeper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;

/**
 * This machine's appliance as every step sees it: the root, the stack file, the published ports, the free-space
 * minimum, where progress lines go, programs, time, (opened on first use) the engine, and the locks this command
 * holds.
 */
public final class Installation implements StepContext, AutoCloseable {

  /** Where to find what the appliance works with and publishes. */
  public record Settings(Path stackFile, Path bakedImages, int httpPort, int httpsPort, long minimumFreeMib) {}

  /** How long a service may take to stop before it is killed, unless the operator says otherwise. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final HostRoot root;
  private final Settings settings;
  private volatile Path stackFile;
  private final ProcessRunner processes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> log;
  private final Function<Consumer<String>, Engine> connect;
  private final Instant began;
  private final Map<ApplianceLock, HostLock> held = new EnumMap<>(ApplianceLock.class);
  private Engine engine;
  private Alerting alerting;
  private byte[] alertingEnv;
  private String unit = "appliance";
  private Optional<SSLSocketFactory> relayTrust = Optional.empty();

  public Installation(HostRoot root, Settings settings, ProcessRunner processes, Clock clock, Sleeper sleeper,
      Consumer<String> log, Function<Consumer<String>, Engine> connect) {
    this.root = root;
    this.settings = settings;
    this.stackFile = settings.stackFile().toAbsolutePath();
    this.processes = processes;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
    this.connect = connect;
    this.began = clock.instant();
  }

  @Override
  public HostRoot root() {
    return root;
  }

  public Path stackFile() {
    return stackFile;
  }

  /**
   * Works with {@code file} from now on, and records it as the root's stack: an update that ended (done or rolled
   * back) says which version's stack the appliance runs.
   */
  public void useStack(Path file) throws IOException {
    stackFile = file.toAbsolutePath();
    StackChoice.remember(root, stackFile);
  }

  /** Works with the stack the root records from now on (a supervisor after an update by another command). */
  public void followRecordedStack() throws IOException {
    stackFile = StackChoice.of(root, java.util.Optional.empty());
  }

  public Path stackDir() {
    return stackFile.getParent();
  }

  /** The stack's images, logged as progress lines, with the archive baked into the machine to fall back on. */
  public StackImages images() {
    return new StackImages(engine(), line -> log.accept("images: " + line), settings.bakedImages());
  }

  /** Whether this is the machine's own root on a machine booted with systemd (not a test root, not a container). */
  public boolean underSystemd() {
    return root.isSystem() && Files.isDirectory(Path.of("/run/systemd/system"));
  }

  /** Where the front's plain HTTP answers: 80, unless a local appliance publishes another port. */
  public int httpPort() {
    return settings.httpPort();
  }

  public int httpsPort() {
    return settings.httpsPort();
  }

  public long minimumFreeMib() {
    return settings.minimumFreeMib();
  }

  @Override
  public Consumer<String> log() {
    return log;
  }

  @Override
  public ProcessRunner processes() {
    return processes;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Sleeper sleeper() {
    return sleeper;
  }

  @Override
  public boolean stopRequested() throws IOException {
    return new StopRequest(root).madeSince(began);
  }

  @Override
  public Optional<String> otherSupervisor() throws IOException {
    return held.containsKey(ApplianceLock.SUPERVISOR) ? Optional.empty() : ApplianceLock.SUPERVISOR.holder(root);
  }

  /**
   * Who holds {@code lock}: this installation, another live process, or nobody. A lock held here is never probed
   * nor its file read, since closing any channel on the file drops this process's lock (fcntl locks are per process).
   */
  public Optional<String> holder(ApplianceLock lock) throws IOException {
    if (held.containsKey(lock)) {
      return Optional.of(held.get(lock).holder());
    }
    return lock.holder(root);
  }

  /**
   * Takes {@code lock} for {@code purpose} until {@link #release} or {@link #close}, or refuses (exit 2) naming its
   * holder; taking one this installation holds already changes nothing (up runs every step under one).
   */
  public void hold(ApplianceLock lock, String purpose) throws IOException {
    if (!held.containsKey(lock)) {
      held.put(lock, lock.acquire(root, purpose, clock.instant()));
    }
  }

  /** Takes {@code lock}, waiting up to {@code patience} while another command holds it, then refuses as {@link #hold}. */
  public void await(ApplianceLock lock, String purpose, Duration patience) throws IOException, InterruptedException {
    Instant until = clock.instant().plus(patience);
    while (!held.containsKey(lock) && lock.holder(root).isPresent() && clock.instant().isBefore(until)) {
      sleeper.sleep(Duration.ofSeconds(1));
    }
    hold(lock, purpose);
  }

  @Override
  public void awaitWork(String purpose, Duration patience) throws IOException, InterruptedException {
    if (!held.containsKey(ApplianceLock.WORK) && ApplianceLock.WORK.holder(root).isPresent()) {
      log.accept(purpose + ": waiting for " + ApplianceLock.WORK.holder(root).orElse("the work lock's holder")
          + " to end (at most " + patience.toMinutes() + " minutes)");
    }
    await(ApplianceLock.WORK, purpose, patience);
  }

  public void release(ApplianceLock lock) throws IOException {
    HostLock taken = held.remove(lock);
    if (taken != null) {
      taken.close();
    }
  }

  /** The stack with every {@code ${NAME}} resolved from {@code env}. */
  public Stack stack(EnvConfig env) throws IOException {
    return stack(env, stackFile);
  }

  /** The stack in {@code file} (another version's, for an update) with every {@code ${NAME}} resolved from {@code env}. */
  public Stack stack(EnvConfig env, Path file) throws IOException {
    return read(file, Interpolation.of(StackVariables.of(env, settings.httpPort(), settings.httpsPort())));
  }

  /** The stack's shape (names, order, images) without an env; values that need one stay unresolved. */
  public Stack stackShape() throws IOException {
    return read(stackFile, Interpolation.deferred());
  }

  private Stack read(Path stackFile, Interpolation interpolation) throws IOException {
    if (!Files.isRegularFile(stackFile)) {
      throw new Cli.BadInputException("there is no stack file " + stackFile + "; give it with --stack FILE");
    }
    try {
      return StackFile.read(stackFile, interpolation);
    } catch (StackFile.InvalidStackException e) {
      e.lines().forEach(log);
      throw new Cli.BadInputException(stackFile + " is not a stack the appliance can run; fix the problems above");
    }
  }

  /**
   * Starts the front proxy's container if it exists from an earlier run, so that the maintenance page is served
   * even when the chain cannot go on (invalid env, failure, standby). Best effort: without it nothing is served.
   */
  public void startFrontIfCreated() {
    try {
      Stack shape = stackShape();
      shape.appliance().proxy().ifPresent(proxy -> {
        String name = dev.appliance.containers.ContainerSpec.containerName(shape, proxy);
        var front = engine().inspect(name);
        front.ifPresent(container -> GuardedEngine.requireOwned(container, shape.name()));
        if (front.isEmpty()) {
          log.accept("no front proxy container yet; the maintenance page is written but not served");
        } else if (!front.map(ContainerState::running).orElse(false)) {
          engine().start(name);
          log.accept("front proxy started to show the maintenance page");
        }
      });
    } catch (IOException | RuntimeException e) {
      log.accept("front proxy not started: " + e.getMessage());
    }
  }

  /** The stack's containers, with the images of {@code imageIds} (empty: to stop, list or inspect only). */
  public StackContainers containers(Stack stack, Map<String, String> imageIds) {
    return new StackContainers(engine(), stack, root, imageIds, clock, sleeper, log);
  }

  /**
   * {@code appliance stop}: the request recorded (a supervisor or a step at work then ends as stopped), every
   * container of the stack stopped, then under systemd the appliance's units (so that the chain does not go on).
   *
   * @return the services that stopped badly (an error of their own, not the stop signal or the timeout's kill)
   */
  public List<String> stop(Duration timeout) throws IOException {
    new StopRequest(root).make(clock.instant());
    // The containers first, so that how each stop ended is seen here (and with this timeout), then the units.
    List<String> badly = containers(stackShape(), Map.of()).stopAll(timeout);
    if (underSystemd()) {
      processes.run(SystemctlCommands.stop("appliance.service"), Duration.ofMinutes(4));
    }
    return badly;
  }

  /**
   * After a stop that came while this command worked: stops whatever of the stack still runs, since a container it
   * started after {@code appliance stop} had passed would keep running.
   */
  void stopAll(Stack stack) {
    containers(stack, Map.of()).stopAll(STOP_TIMEOUT);
    log.accept("every container of the stack stopped, as asked");
  }

  /**
   * Does {@code work} so that SIGTERM (systemctl stop) ends it as {@code appliance stop} would: the stop is recorded,
   * the stack's containers (a migration first) stopped, and the JVM waits for the work to end as stopped (its
   * one-off container removed) before it exits with 143.
   */
  <T> T stoppable(Stack stack, Callable<T> work) throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    OnTermination termination = new OnTermination("stop-" + stack.name(), () -> {
      try {
        new StopRequest(root).make(clock.instant());
        stopAll(stack);
        done.await(STOP_TIMEOUT.multipliedBy(2).toSeconds(), TimeUnit.SECONDS);
      } catch (IOException | RuntimeException e) {
        log.accept("stopping after SIGTERM failed: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      return work.call();
    } finally {
      termination.cancel();
      done.countDown();
    }
  }

  /** Names the command that speaks in this installation's alerts ({@code prepare-app}, {@code run} ...). */
  public void speaksAs(String unit) {
    this.unit = unit;
  }

  /** Checks the alert mail relay's certificate against {@code trust} instead of the JVM's CAs (a test's own relay). */
  public void trustRelay(SSLSocketFactory trust) {
    this.relayTrust = Optional.of(trust);
  }

  @Override
  public Alerts alerts() {
    return alerting().alerts();
  }

  /**
   * The alerts of this command, from the active env's {@code appliance/alert}; without a readable active env they are
   * logged and kept, and go out once an env names channels.
   */
  public Alerting alerting() {
    // prepare-env may activate an env after the first alert of this command: its channels count from then on.
    byte[] active = activeEnvBytes();
    if (alerting == null || !alerting.inBackground() && !java.util.Arrays.equals(active, alertingEnv)) {
      if (alerting != null) {
        alerting.close();
      }
      Optional<EnvConfig> env;
      try {
        env = Optional.of(ActiveEnv.require(root).config());
      } catch (IOException | RuntimeException e) {
        env = Optional.empty();
      }
      FailureFlag flag = new FailureFlag(root, clock);
      alerting = Alerting.of(root, env, unit, clock, log, this::statusLines, () -> {
        try {
          return flag.reason().isPresent();
        } catch (IOException e) {
          return false;
        }
      }, relayTrust);
      alertingEnv = active;
    }
    return alerting;
  }

  private byte[] activeEnvBytes() {
    try {
      return Files.readAllBytes(root.activeEnv());
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** Whether an active env can be read (the alerts' channels come from it). */
  public boolean hasActiveEnv() {
    try {
      ActiveEnv.require(root);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The status summary an alert carries; what cannot be read is said instead. */
  private List<String> statusLines() {
    try {
      return StatusReport.read(root, stackShape(), EngineListing.local(), clock, settings.minimumFreeMib(), this::holder)
          .lines();
    } catch (IOException | RuntimeException e) {
      return List.of("the status cannot be read: " + e.getMessage());
    }
  }

  /** Makes the stack file this installation works with the root's own (see {@link StackChoice}). */
  public void rememberStack() throws IOException {
    StackChoice.remember(root, stackFile);
  }

  @Override
  public Engine engine() {
    if (engine == null) {
      engine = connect.apply(log);
    }
    return engine;
  }

  @Override
  public void close() throws IOException {
    if (alerting != null) {
      alerting.close();
    }
    for (ApplianceLock lock : List.copyOf(held.keySet())) {
      release(lock);
    }
    if (engine != null) {
      engine.close();
    }
  }
}
