package dev.appliance.supervise;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.tls.ProbeCertificate;
import dev.appliance.containers.Readiness;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.images.ImageLabels;
import dev.appliance.images.StackImages;
import dev.appliance.metrics.MetricsEndpoint;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Restart;
import dev.appliance.stack.Stack.Service;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.storage.DiskSpace;
import dev.appliance.backup.BackupAge;
import dev.appliance.backup.Restore;
import dev.appliance.storage.SpaceWatch;
import dev.appliance.tls.FrontHandshake;
import dev.appliance.update.UpdateJournal;
import dev.appliance.tls.ServedCertificateWatch;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code run}: starts the stack in dependency order (the front proxy last), and once everything is healthy and the
 * application answers through the front, ends the maintenance page, records {@code tags/last_running} and tells
 * systemd it is ready. Then it watches Docker's events and restarts a service that dies, with backoff; a service that
 * dies too often makes the appliance failed. It stops everything, in reverse order, on SIGTERM or after
 * {@code appliance stop}.
 */
public final class Supervisor {

  /** Exit codes of {@link #run()}. */
  public static final int STOPPED = 0;
  public static final int FAILED = 1;

  private static final Duration RECONCILE = Duration.ofSeconds(5);
  /** How long the supervisor waits for an engine that does not answer before it gives up (and systemd restarts it). */
  private static final Duration ENGINE_PATIENCE = Duration.ofMinutes(5);
  /** How often the heartbeat says "alive" while serving; a dead man's switch's period is set well above it. */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(5);
  /** How long a start waits for a prepare step by hand to end; systemd would count a refusal as a failure. */
  private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

  private final Installation installation;
  private final RestartBudget budget;
  private final Consumer<String> log;
  private final RunState state;
  private final BlockingQueue<String> deaths = new LinkedBlockingQueue<>();
  private final Clock clock;
  private final SpaceWatch space;
  private final BackupAge backups;
  private volatile boolean terminating;
  private volatile boolean serving;
  private Duration heartbeatEvery = DEFAULT_HEARTBEAT;
  private ServedCertificateWatch.Probe served;

  public Supervisor(Installation installation, RestartBudget budget) {
    this(installation, budget, DiskSpace.of(installation.root()));
  }

  /** With {@code disk} measuring free space for the watch on it (tests fill a disk in memory). */
  public Supervisor(Installation installation, RestartBudget budget, DiskSpace disk) {
    this.installation = installation;
    this.budget = budget;
    this.log = installation.log();
    this.state = new RunState(installation.root());
    this.clock = installation.clock();
    this.space = new SpaceWatch(disk, installation.minimumFreeMib(), clock, installation.alerts());
    this.backups = new BackupAge(installation.root(), clock, installation.alerts());
    this.served = new FrontHandshake(installation.httpsPort());
  }

  /** Reads the served certificate through {@code probe} rather than a handshake with the front (tests). */
  public Supervisor servedCertificateFrom(ServedCertificateWatch.Probe probe) {
    this.served = probe;
    return this;
  }

  /** Pings the heartbeat (appliance/alert/heartbeat_url) every {@code every} while serving. */
  public Supervisor heartbeatEvery(Duration every) {
    this.heartbeatEvery = every;
    return this;
  }

  public int run() throws Exception {
    FailureFlag failure = new FailureFlag(installation.root(), clock);
    failure.refuseIfRaised("the appliance");
    Restore.refuseIfIncomplete(installation.root(), "the appliance");
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    SystemdNotifier systemd = SystemdNotifier.fromEnvironment(installation.processes(), log);
    if (env.appliance().standby()) {
      log.accept("standby: the application is not started (appliance/standby is true)");
      systemd.ready("standby");
      return STOPPED;
    }
    installation.hold(ApplianceLock.SUPERVISOR, "run");
    try {
      // The one lock while the start changes the root; released once serving, so that others can take it then.
      installation.await(ApplianceLock.EXCLUSIVE, "run", LOCK_WAIT);
      return supervise(env, systemd, failure);
    } finally {
      installation.release(ApplianceLock.EXCLUSIVE);
      installation.release(ApplianceLock.SUPERVISOR);
    }
  }

  private int supervise(EnvConfig env, SystemdNotifier systemd, FailureFlag failure) throws Exception {
    Stack stack = installation.stack(env);
    Map<String, String> ids = new StackImages(installation.engine(), log).ids(stack);
    StackContainers containers = installation.containers(stack, ids);
    List<Service> order = StartOrder.of(stack);
    state.writeRestarts(budget);
    // From here on no channel slows the supervisor: a background thread sends, and says "alive" while serving.
    installation.alerting().inBackground(heartbeatEvery, () -> serving && !failed(failure),
        env.appliance().domain() + ": serving");
    // appliance/metric/exporter: Prometheus scrapes here, and posts its alerts to the same alerts as ours.
    Closeable metrics = MetricsEndpoint.start(env, installation, stack, budget::totals, installation.alerts());
    Thread main = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    // SIGTERM or Ctrl-C: the JVM ends when the hooks return, so the hook waits for the orderly stop below.
    Thread hook = new Thread(() -> {
      terminating = true;
      main.interrupt();
      try {
        finished.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (installation.stopRequested()) {
        log.accept("'appliance stop' was called before the start; the supervisor ends");
        return STOPPED;
      }
      start(env, stack, containers, order, ids);
      serving = true;
      // A failure cleared by a reboot (which empties /run) rather than by clear-failed is over too.
      installation.alerts().resolveAll(Alert.FAILED, "the appliance serves again");
      installation.release(ApplianceLock.EXCLUSIVE);
      systemd.ready("serving https://" + env.appliance().domain());
      return watch(stack, containers, order, failure, new ServedCertificateWatch(served, installation.root(),
          env.appliance().domain().name(), clock, installation.alerts(), log), env, ids);
    } catch (Exception e) {
      // A start that 'appliance stop' cut short (a service stopped while awaited) is the stop, not a failure.
      if (terminating || installation.stopRequested()) {
        log.accept("stopped while starting, as asked");
        return STOPPED;
      }
      throw e;
    } finally {
      serving = false;
      metrics.close();
      if (terminating || installation.stopRequested()) {
        Thread.interrupted();
        systemd.stopping();
        log.accept("stopping the application");
        containers.stop(order, Installation.STOP_TIMEOUT);
      }
      finished.countDown();
      if (!terminating) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down already
        }
      }
    }
  }

  private void start(EnvConfig env, Stack stack, StackContainers containers, List<Service> order, Map<String, String> ids)
      throws Exception {
    MaintenancePage page = new MaintenancePage(installation.root(), clock);
    Instant began = clock.instant();
    HttpsProbe probe = new HttpsProbe(installation.httpsPort(), stack.appliance().web().healthPath(),
        ProbeCertificate.keyManagers(env, clock.instant()));
    // Loads the TLS classes while the containers start, so that the first real probe is not slowed by them.
    CompletableFuture.runAsync(probe::status);
    containers.start(order);
    // The front's own healthcheck is slow to report; the probe through it below is the stronger check.
    containers.awaitHealthy(order.stream().filter(s -> !StartOrder.isProxy(stack, s)).toList());
    page.clearAutomatic();
    if (page.operatorHeld()) {
      log.accept("all services healthy; the maintenance page stays on (held by 'appliance maintenance on')");
    } else {
      String front = stack.appliance().proxy().orElseThrow();
      containers.await(front, Readiness.forHttp(probe, Duration.ofSeconds(60)));
    }
    new Tags(installation.root(), clock).write(Tags.LAST_RUNNING, ids);
    log.accept("serving https://" + env.appliance().domain() + (installation.httpsPort() == 443 ? "" : ":" + installation.httpsPort())
        + "/ (started in " + Duration.between(began, clock.instant()).toMillis() + " ms)");
  }

  private int watch(Stack stack, StackContainers containers, List<Service> order, FailureFlag failure,
      ServedCertificateWatch certificate, EnvConfig env, Map<String, String> ids) throws Exception {
    Running running = new Running(stack, ids, containers, order);
    boolean paused = false;
    Instant outage = null;
    Closeable events = deathsOf(stack);
    try {
      while (!terminating) {
        space.poll(); // an ALERT line when /data or /volatile fills up (it measures every 30 s)
        certificate.poll(); // a handshake with the front once serving, then daily: alerts 21, 14 and 7 days ahead
        backups.poll(); // an alert when the last verified backup is over 26 hours old
        String died = deaths.poll(RECONCILE.toMillis(), TimeUnit.MILLISECONDS);
        if (installation.stopRequested()) {
          log.accept("'appliance stop' was called; the supervisor ends");
          return STOPPED;
        }
        Optional<String> update = updateAtWork();
        if (update.isPresent()) {
          // The update replaces containers on purpose; a restart here would bring the old version back beside it.
          if (!paused) {
            log.accept(update.get() + ": no restarts until it ends");
            paused = true;
          }
          deaths.clear();
          continue;
        }
        paused = false;
        if (failed(failure)) {
          log.accept("the appliance was made failed while serving: " + failure.reason().orElse(""));
          stopAfterFailure(running.stack(), running.containers(), running.order());
          return FAILED;
        }
        Optional<String> service;
        try {
          running = current(running, env);
          Running now = running;
          service = Optional.ofNullable(died).or(() -> firstNotRunning(now.stack(), now.containers(), now.order()))
              .filter(s -> !now.containers().running(s));
        } catch (RuntimeException e) {
          // dockerd restarting (an OS update): the containers run on (live-restore); it is back within seconds.
          if (!engineUnreachable(e) || outage != null && Duration.between(outage, clock.instant()).compareTo(ENGINE_PATIENCE) > 0) {
            throw e;
          }
          if (outage == null) {
            outage = clock.instant();
            log.accept("the Docker engine does not answer (" + e.getMessage() + "); waiting for it, at most "
                + ENGINE_PATIENCE.toMinutes() + " minutes");
          }
          continue;
        }
        if (outage != null) {
          log.accept("the Docker engine answers again after " + Duration.between(outage, clock.instant()).toSeconds() + " s");
          outage = null;
          events.close(); // its stream of events ended with the old daemon
          events = deathsOf(running.stack());
        }
        if (service.isEmpty()) {
          continue;
        }
        boolean restarted;
        try {
          restarted = restart(running.stack(), running.containers(), service.get(), failure);
        } catch (Exception e) {
          // 'appliance stop' stops the containers while a restart waits for them: that is the stop, not a failure.
          if (installation.stopRequested()) {
            log.accept("'appliance stop' was called during a restart; the supervisor ends");
            return STOPPED;
          }
          throw e;
        }
        if (!restarted) {
          stopAfterFailure(running.stack(), running.containers(), running.order());
          return FAILED;
        }
      }
    } finally {
      events.close();
    }
    return STOPPED;
  }

  /** After an update by another command (the version tags changed): the stack and images it made serve. */
  private Running current(Running running, EnvConfig env) throws Exception {
    Optional<Map<String, String>> tagged = new Tags(installation.root(), clock).read(Tags.LAST_RUNNING);
    if (tagged.isEmpty() || tagged.get().equals(running.ids())) {
      return running;
    }
    installation.followRecordedStack();
    Stack stack = installation.stack(env);
    Map<String, String> ids = new StackImages(installation.engine(), log).ids(stack);
    log.accept("watching the version an update made serve: " + installation.stackFile());
    return new Running(stack, ids, installation.containers(stack, ids), StartOrder.of(stack));
  }

  /** The version the supervisor watches: the one it started, or the one an update made serve since. */
  private record Running(Stack stack, Map<String, String> ids, StackContainers containers, List<Service> order) {}

  /** Restarts {@code service} after its backoff; false if it died too often, which raises the failure flag. */
  private boolean restart(Stack stack, StackContainers containers, String service, FailureFlag failure) throws Exception {
    Service spec = stack.services().get(service);
    long exit = containers.inspect(service).map(c -> c.exitCode()).orElse(-1L);
    if (spec.restart() == Restart.NO || spec.restart() == Restart.ON_FAILURE && exit == 0) {
      log.accept(service + " exited (code " + exit + "); its restart policy keeps it stopped");
      return true;
    }
    boolean allowed = budget.record(service, clock.instant());
    state.writeRestarts(budget);
    if (!allowed) {
      String reason = service + " keeps failing (exit code " + exit + "; more than " + budget.describe() + ")";
      log.accept(service + " | " + containers.lastLines(service, 20).replace("\n", "\n" + service + " | "));
      failure.raise("crash-loop/" + service, reason, installation.alerts(), log);
      return false;
    }
    Duration wait = budget.backoff(service);
    log.accept(service + " exited (code " + exit + "); restarting in " + wait.toSeconds() + " s");
    installation.sleeper().sleep(wait);
    if (!installation.stopRequested() && updateAtWork().isEmpty()) {
      containers.start(List.of(spec));
    }
    return true;
  }

  /**
   * The update at work, described, if one replaces containers now. A journal that cannot be read counts as one: what
   * an update left there is unknown, so nothing is restarted until people have looked.
   */
  private Optional<String> updateAtWork() {
    try {
      return UpdateJournal.read(installation.root()).filter(UpdateJournal::replacing)
          .map(j -> "an update is at work (" + j.describe() + ")");
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Whether {@code e} says that the engine cannot be reached (its socket refuses), not that it refused a request. */
  private static boolean engineUnreachable(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  private static boolean failed(FailureFlag failure) {
    try {
      return failure.reason().isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** After a failure: the application stops, the front proxy stays to show the failure page. */
  private void stopAfterFailure(Stack stack, StackContainers containers, List<Service> order) {
    containers.stop(order.stream().filter(s -> !StartOrder.isProxy(stack, s)).toList(), Installation.STOP_TIMEOUT);
    log.accept("the appliance is failed; the front proxy shows the failure page");
  }

  private Optional<String> firstNotRunning(Stack stack, StackContainers containers, List<Service> order) {
    return order.stream().map(Service::name).filter(s -> !containers.running(s)).findFirst();
  }

  /** Docker's "die" events of this stack's long-running containers (not its one-off runs) into {@link #deaths}. */
  private Closeable deathsOf(Stack stack) {
    return installation.engine().onDeath(Map.of(ImageLabels.MANAGED, "true", ImageLabels.STACK, stack.name()), died -> {
      String service = died.label(ImageLabels.SERVICE);
      if (!service.isEmpty() && ContainerSpec.containerName(stack, service).equals(died.name())) {
        deaths.offer(service);
      }
    });
  }
}
