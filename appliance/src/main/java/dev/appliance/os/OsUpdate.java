package dev.appliance.os;

import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.Invocation;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.supervise.SystemctlCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code appliance update --os}: Docker's packages, which unattended-upgrades leaves alone, upgraded where apt has a
 * newer version; dockerd restarted when it runs another version than the installed one (live-restore keeps the
 * containers through dockerd's own restart, and the supervisor waits for the engine); then the application must answer through the front within {@link #GATE}, or the appliance
 * enters the failed state. Last, the reboot an update needs, if {@link RebootWindow} says it is time: the appliance
 * stopped, then the machine rebooted. All under the work lock. On a test root or without systemd it prints what it
 * would do and changes nothing.
 */
public final class OsUpdate {

  /** How long the application may take to answer again after dockerd restarted. */
  static final Duration GATE = Duration.ofSeconds(120);

  private final Installation installation;
  private final boolean forReal;
  private final ServingCheck front;

  public OsUpdate(Installation installation) {
    this(installation, installation.underSystemd(), new FrontGate(installation));
  }

  OsUpdate(Installation installation, boolean forReal, ServingCheck front) {
    this.installation = installation;
    this.forReal = forReal;
    this.front = front;
  }

  public void run() throws Exception {
    installation.hold(ApplianceLock.WORK, "os update");
    UpdateConfig update = ActiveEnv.require(installation.root()).config().appliance().update();
    if (!forReal) {
      plan(update);
      return;
    }
    boolean servedBefore = front.serving();
    run(OsCommands.aptUpdate(), Duration.ofMinutes(10));
    List<String> upgrade = PendingUpgrades.parse(run(OsCommands.simulateUpgrade(), Duration.ofMinutes(2))).heldBack();
    if (upgrade.isEmpty()) {
      log("Docker's packages (" + String.join(", ", OsCommands.HELD_BACK) + ") are current");
    } else {
      log("upgrading " + String.join(", ", upgrade));
      installation.processes().run(new Invocation(OsCommands.upgrade(upgrade),
          Map.of("DEBIAN_FRONTEND", "noninteractive"), Optional.empty()), Duration.ofMinutes(30));
    }
    restartDockerIfOutdated(upgrade.contains("docker.io"));
    gate(servedBefore);
    reboot(update);
  }

  private void plan(UpdateConfig update) {
    log("not the machine's own root under systemd: nothing is changed; on the machine this would:");
    log("  run: " + String.join(" ", OsCommands.aptUpdate()));
    log("  upgrade where apt has newer versions: " + String.join(" ", OsCommands.upgrade(OsCommands.HELD_BACK)));
    log("  restart dockerd if docker.io was upgraded or dockerd runs another version than the package");
    log("  check that the application answers through the front within " + GATE.toSeconds() + " s, or fail");
    log("  reboot if " + RebootWindow.flag(installation.root()) + " exists and "
        + update.reboot().map(r -> "appliance/update/reboot (" + r + ") elapsed within the last hour")
            .orElse("appliance/update/reboot were set (it is never)"));
  }

  /**
   * Restarts dockerd where docker.io was upgraded just now (a Debian revision can change the binary and not the
   * version dockerd reports) or its version is another than the installed package's (an upgrade made earlier).
   */
  private void restartDockerIfOutdated(boolean upgraded) throws Exception {
    DockerVersions versions = new DockerVersions(run(OsCommands.runningDockerVersion(), Duration.ofSeconds(30)).strip(),
        run(OsCommands.installedVersion("docker.io"), Duration.ofSeconds(30)).strip());
    if (!upgraded && !versions.restartPending()) {
      log("dockerd runs docker.io's version " + versions.running());
      return;
    }
    log("restarting dockerd (it ran " + versions.running() + ", docker.io is " + versions.installed()
        + ")");
    try {
      installation.processes().run(SystemctlCommands.restart("docker"), Duration.ofMinutes(5));
    } catch (ProcessRunner.ProcessException e) {
      fail("systemctl restart docker failed: " + e.getMessage());
      throw e;
    }
  }

  private void gate(boolean servedBefore) throws Exception {
    if (!servedBefore) {
      log("the application did not answer through the front before the update either: not checked");
      return;
    }
    Optional<String> failure = front.awaitServing(GATE);
    if (failure.isPresent()) {
      fail("the application did not answer after the OS update: " + failure.get());
      throw new OsUpdateFailedException(failure.get());
    }
    log("the application answers through the front");
  }

  private void reboot(UpdateConfig update) throws Exception {
    Optional<String> closed = new RebootWindow(installation.root(), update.reboot(), installation.processes())
        .closed(installation.clock().instant());
    if (closed.isPresent()) {
      log("no reboot: " + closed.get());
      return;
    }
    log("rebooting, as " + RebootWindow.flag(installation.root()) + " asks, in appliance/update/reboot's window");
    installation.stop(Installation.STOP_TIMEOUT);
    installation.processes().run(SystemctlCommands.reboot(), Duration.ofMinutes(1));
  }

  private void fail(String reason) throws Exception {
    new FailureFlag(installation.root(), installation.clock()).raise("update-os", reason, installation.alerts(),
        installation.log());
  }

  private String run(List<String> command, Duration timeout) throws Exception {
    return installation.processes().run(command, timeout).stdout();
  }

  private void log(String line) {
    installation.log().accept("update --os: " + line);
  }

  /** The application did not answer after the OS update; the appliance is in the failed state. */
  public static final class OsUpdateFailedException extends java.io.IOException {
    private static final long serialVersionUID = 1L;

    OsUpdateFailedException(String why) {
      super("the application did not answer through the front after the OS update (" + why + "); the appliance is in"
          + " the failed state. Look at: appliance status; journalctl -u docker -u appliance. Then: "
          + FailureFlag.RECOVERY);
    }
  }
}
