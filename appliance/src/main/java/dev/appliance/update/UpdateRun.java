package dev.appliance.update;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.containers.Await;
import dev.appliance.containers.HttpsProbe;
import dev.appliance.containers.Readiness;
import dev.appliance.containers.ServiceFailedException;
import dev.appliance.containers.StackContainers;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.FrontConfig;
import dev.appliance.proxy.FrontProxy;
import dev.appliance.stack.Stack;
import dev.appliance.steps.Installation;
import dev.appliance.steps.ReloadFront;
import dev.appliance.tls.ProbeCertificate;
import dev.appliance.update.UpdateJournal.State;
import dev.appliance.update.UpdateJournal.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One update at work: its journal, written at every state it reaches, and what both ways of updating use: each
 * version's stack and containers, and the front's site.
 */
final class UpdateRun {

  /** The alert of an update that failed, rolled back or not. */
  static final String ALERT = "update/failed";

  static final Duration MINIMUM_GATE = Duration.ofSeconds(60);
  static final Duration GATE_INTERVAL = Duration.ofSeconds(1);
  static final Duration UNCHECKED_WAIT = Duration.ofSeconds(10);

  final Installation installation;
  final HostRoot root;
  final EnvConfig env;
  final Consumer<String> log;
  private UpdateJournal journal;

  UpdateRun(Installation installation, EnvConfig env, UpdateJournal journal) {
    this.installation = installation;
    this.root = installation.root();
    this.env = env;
    this.log = installation.log();
    this.journal = journal;
  }

  UpdateJournal journal() {
    return journal;
  }

  /** Records that the update reached {@code state}. */
  void reach(State state, String why) throws IOException {
    journal = journal.at(state, installation.clock().instant(), why);
    journal.write(root);
    log.accept("update: " + state.word() + (why.isEmpty() ? "" : " (" + why + ")"));
  }

  /** Records the dump taken before the migration. */
  void dumped(Path dump, String owner, Map<String, Long> rows) throws IOException {
    journal = journal.dumped(dump, owner, rows, installation.clock().instant());
    journal.write(root);
    log.accept("update: " + State.DUMPED.word() + " (" + dump + ")");
  }

  Stack stack(Version version) throws IOException {
    return installation.stack(env, Path.of(version.stack()));
  }

  StackContainers containers(Version version) throws IOException {
    return installation.containers(stack(version), version.images());
  }

  /**
   * Makes the front proxy to {@code host} ({@code null}: the web service's alias) of {@code version}'s stack: the site
   * checked with nginx -t, then a graceful reload (old workers finish their requests).
   */
  void pointFront(Version version, String host) throws Exception {
    pointFront(version, host, false);
  }

  /**
   * As {@link #pointFront(Version, String)}, reloading even an unchanged site when {@code always}: containers made
   * again have new addresses, and nginx's workers keep the old ones for the resolver's 10 s (502 meanwhile).
   */
  void pointFront(Version version, String host, boolean always) throws Exception {
    Stack stack = stack(version);
    FrontConfig site = FrontConfig.of(stack, env, installation.httpsPort());
    StackContainers containers = containers(version);
    FrontProxy proxy = new FrontProxy(containers, root, log);
    boolean changed = proxy.install(host == null ? site : site.towards(host));
    // A front that is not running (after a reboot) reads the site when it starts.
    if ((changed || always) && containers.running(stack.appliance().proxy().orElseThrow())
        && !ReloadFront.reload(installation, proxy)) {
      throw new IOException("the front proxy did not reload its site (see the line above)");
    }
  }

  /** Waits until the application answers 200 through the front, as a visitor would reach it. */
  void awaitFront(Version version) throws Exception {
    Stack stack = stack(version);
    HttpsProbe probe = new HttpsProbe(installation.httpsPort(), stack.appliance().web().healthPath(),
        ProbeCertificate.keyManagers(env, installation.clock().instant()));
    String front = stack.appliance().proxy().orElseThrow();
    containers(version).await(front, Readiness.forHttp(probe, Duration.ofSeconds(60)));
  }

  /**
   * The health gate of a new container: a look each second, within the healthcheck's own patience, 60 s at least.
   * One without a healthcheck must still run after {@link #UNCHECKED_WAIT} (what Dokku does without checks).
   */
  void gate(StackContainers containers, String service, String container) throws ServiceFailedException, InterruptedException {
    if (containers.stack().services().get(service).healthcheck().isEmpty()) {
      installation.sleeper().sleep(UNCHECKED_WAIT);
      Readiness.started().check(installation.engine(), container);
      return;
    }
    Duration budget = containers.stack().services().get(service).healthcheck()
        .map(h -> h.startPeriod().plus(h.interval().multipliedBy(h.retries())))
        .filter(d -> d.compareTo(MINIMUM_GATE) > 0).orElse(MINIMUM_GATE);
    new Await(installation.engine(), installation.clock(), installation.sleeper(), GATE_INTERVAL)
        .until(container, Readiness.forHealthcheck(budget));
  }

  /** The update ended with {@code to} serving: the root's stack and version tags say so, the alert is resolved. */
  void done() throws IOException {
    installation.useStack(Path.of(journal.to().stack()));
    new Tags(root, installation.clock()).write(Tags.LAST_RUNNING, journal.to().images());
    reach(State.DONE, "");
    installation.alerts().resolve(ALERT, "updated to " + journal.to().label());
  }

  /** The images of {@code version} named as they were (a failed update or a fetch may have moved their names). */
  void renameBack(Version version) {
    new KeptImages(installation.engine(), log).renameBack(version);
  }

  /** The update ended with {@code from} serving again: the root's stack and version tags say so. */
  void rolledBack(String why) throws IOException {
    renameBack(journal.from());
    installation.useStack(Path.of(journal.from().stack()));
    new Tags(root, installation.clock()).write(Tags.LAST_RUNNING, journal.from().images());
    reach(State.ROLLED_BACK, why);
  }

  /** The alert of an update that went back to the version it came from. */
  void alertRolledBack(State failedAt, String why) {
    installation.alerts().raise(Alert.warning(ALERT, "update from " + journal.from().label() + " to "
        + journal.to().label() + " failed at " + failedAt.word() + ", rolled back", why + "\nThe appliance serves "
        + journal.from().label() + " again. The journal: " + UpdateJournal.file(root)));
  }
}
