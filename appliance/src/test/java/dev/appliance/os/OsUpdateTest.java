package dev.appliance.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.engine.GuardedEngine;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** appliance update --os against scripted apt, dpkg, docker and systemd-analyze answers. */
class OsUpdateTest {

  private static final String SIMULATION = "NOTE: This is only a simulation!\n"
      + "Inst libc6 [2.36-9+deb12u7] (2.36-9+deb12u8 Debian-Security:12/oldstable-security [amd64])\n"
      + "Inst docker.io [20.10.24+dfsg1-1+deb12u1] (20.10.24+dfsg1-1+deb12u2 Debian-Security:12/oldstable-security [amd64])\n"
      + "Inst runc [1.1.5+ds1-1+deb12u1] (1.1.5+ds1-1+deb12u2 Debian-Security:12/oldstable-security [amd64])\n"
      + "Inst libnew1 (1.0-1 Debian:12/oldstable [amd64])\n"
      + "Conf libc6 (2.36-9+deb12u8 Debian-Security:12/oldstable-security [amd64])\n";

  @TempDir
  Path dir;

  /** The front as the gate sees it: whether it answered before, and what the wait after the restart found. */
  static final class FakeFront implements ServingCheck {
    boolean before = true;
    Optional<String> after = Optional.empty();
    final List<Duration> waited = new ArrayList<>();

    @Override
    public boolean serving() {
      return before;
    }

    @Override
    public Optional<String> awaitServing(Duration budget) {
      waited.add(budget);
      return after;
    }
  }

  private final FakeFront front = new FakeFront();

  private static ScriptedProcesses machine(String simulation, String running, String installed) {
    return new ScriptedProcesses()
        .answer(OsCommands.simulateUpgrade(), simulation)
        .answer(OsCommands.runningDockerVersion(), running + "\n")
        .answer(OsCommands.installedVersion("docker.io"), installed);
  }

  private Installation installation(FakeAppliance appliance, ScriptedProcesses processes) {
    return new Installation(appliance.root, new Installation.Settings(TestEnvs.STACK, null, 8080, 8443, 0), processes,
        appliance.time, appliance.time, appliance.log::add, line -> new GuardedEngine(appliance.engine, line));
  }

  @Test
  void upgradesTheUpgradableHeldBackPackagesAloneThenRestartsDockerAndChecksTheFront() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    ScriptedProcesses processes = machine(SIMULATION, "20.10.24+dfsg1", "20.10.24+dfsg1-1+deb12u2");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation, true, front).run();
    }
    assertEquals(List.of("apt-get update -q", "apt-get --simulate -q dist-upgrade",
        "apt-get install --only-upgrade -y -q -o Dpkg::Options::=--force-confold -o DPkg::Lock::Timeout=600 docker.io runc",
        "docker version --format {{.Server.Version}}", "dpkg-query -W -f=${Version} docker.io",
        "systemctl restart docker"), processes.commands(),
        "libc6 is unattended-upgrades' and containerd has nothing new; docker.io was upgraded, so dockerd restarts"
            + " although the version it reports is the same");
    assertEquals(Map.of("DEBIAN_FRONTEND", "noninteractive"), processes.invocations.get(2).environment());
    assertEquals(List.of(OsUpdate.GATE), front.waited);
    assertTrue(appliance.log.contains("update --os: no reboot: no reboot is required"), appliance.log.toString());
    assertFalse(Files.exists(appliance.root.failedFlag()));
  }

  @Test
  void nothingUpgradableAndDockerdCurrentRestartsNothing() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    ScriptedProcesses processes = machine("Inst libc6 [2.36-9+deb12u7] (2.36-9+deb12u8 Debian-Security:12 [amd64])\n",
        "20.10.24+dfsg1", "20.10.24+dfsg1-1+deb12u2");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation, true, front).run();
    }
    assertEquals(List.of("apt-get update -q", "apt-get --simulate -q dist-upgrade",
        "docker version --format {{.Server.Version}}", "dpkg-query -W -f=${Version} docker.io"), processes.commands());
    assertTrue(appliance.log.contains("update --os: Docker's packages (docker.io, containerd, runc) are current"));
  }

  @Test
  void aDockerdOlderThanItsPackageIsRestartedWithoutAnUpgrade() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    ScriptedProcesses processes = machine("", "20.10.24+dfsg1", "26.1.5+dfsg1-9");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation, true, front).run();
    }
    assertEquals("systemctl restart docker", processes.commands().get(processes.commands().size() - 1));
  }

  @Test
  void anApplicationThatDoesNotAnswerAfterwardsRaisesTheFailedState() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    front.after = Optional.of("https://127.0.0.1:8443/health gave no answer for 120 s");
    ScriptedProcesses processes = machine(SIMULATION, "20.10.24+dfsg1", "20.10.24+dfsg1-1+deb12u2");
    try (Installation installation = installation(appliance, processes)) {
      OsUpdate.OsUpdateFailedException failed = assertThrows(OsUpdate.OsUpdateFailedException.class,
          () -> new OsUpdate(installation, true, front).run());
      assertTrue(failed.getMessage().contains("gave no answer for 120 s"), failed.getMessage());
    }
    assertTrue(Files.readString(appliance.root.failedFlag()).contains("the application did not answer after the OS update"));
  }

  @Test
  void anApplicationThatWasNotServingBeforeIsNotGated() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    front.before = false;
    front.after = Optional.of("no answer");
    try (Installation installation = installation(appliance, machine("", "1", "1-1"))) {
      new OsUpdate(installation, true, front).run();
    }
    assertEquals(List.of(), front.waited);
    assertFalse(Files.exists(appliance.root.failedFlag()), "an appliance stopped on purpose is not failed by the update");
  }

  private FakeAppliance withReboot(String expression) throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    Path env = TestEnvs.localhost(dir.resolve("env"));
    String text = Files.readString(env);
    String changed = text.replace("    reboot: never\n", "    reboot: " + expression + "\n");
    assertFalse(text.equals(changed), "env-new writes appliance/update/reboot");
    appliance.withActiveEnv(Files.writeString(dir.resolve("reboot-env.yml"), changed));
    appliance.root.files().write(RebootWindow.flag(appliance.root), "rw-r--r--", "*** System restart required ***\n");
    return appliance;
  }

  @Test
  void aRequiredRebootInTheWindowStopsTheApplianceThenRebootsTheMachine() throws Exception {
    FakeAppliance appliance = withReboot("'*-*-* 09:30:00 UTC'");
    // The fake clock says 10:00 UTC: systemd, asked from 09:00, says the window opened at 09:30.
    ScriptedProcesses processes = machine("", "1", "1-1")
        .answer(List.of("systemd-analyze"), "  Next elapse: Tue 2026-12-01 09:30:00 UTC\n       From now: 30min ago\n");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation, true, front).run();
    }
    List<String> commands = processes.commands();
    assertTrue(commands.contains("systemd-analyze calendar --iterations=1 --base-time=@"
        + appliance.time.instant().minus(RebootWindow.LENGTH).getEpochSecond() + " *-*-* 09:30:00 UTC"), commands.toString());
    assertEquals("systemctl reboot", commands.get(commands.size() - 1));
    assertTrue(Files.exists(appliance.root.runState().resolve("stopping")), "appliance stop was made first");
  }

  @Test
  void aRequiredRebootOutsideTheWindowWaits() throws Exception {
    FakeAppliance appliance = withReboot("Sun *-*-* 04:00:00");
    ScriptedProcesses processes = machine("", "1", "1-1")
        .answer(List.of("systemd-analyze"), "  Next elapse: Sun 2026-12-06 05:00:00 CET\n"
            + "     (in UTC): Sun 2026-12-06 04:00:00 UTC\n       From now: 4 days left\n");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation, true, front).run();
    }
    assertFalse(processes.commands().contains("systemctl reboot"));
    assertTrue(appliance.log.contains("update --os: no reboot: a reboot is required; it waits for appliance/update/reboot"
        + " (Sun *-*-* 04:00:00, next at 2026-12-06T04:00:00Z)"), appliance.log.toString());
  }

  @Test
  void aTestRootGetsThePlanAndNothingRuns() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    ScriptedProcesses processes = machine(SIMULATION, "1", "2-1");
    try (Installation installation = installation(appliance, processes)) {
      new OsUpdate(installation).run();
    }
    assertEquals(List.of(), processes.commands());
    assertTrue(appliance.log.contains("update --os:   run: apt-get update -q"), appliance.log.toString());
    assertTrue(appliance.log.stream().anyMatch(l -> l.contains("appliance/update/reboot were set (it is never)")));
  }
}
