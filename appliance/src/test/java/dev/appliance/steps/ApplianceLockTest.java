package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.docker.EngineListing;
import dev.appliance.env.cli.Cli;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.status.StatusReport;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.LockHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one lock and the supervisor's: a second taker is refused before it changes anything, naming the holder. */
class ApplianceLockTest {

  @TempDir
  Path dir;

  @Test
  void aSecondPrepareIsRefusedNamingTheHolderAndChangesNothing() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    // Another process, as the kernel's locks are per process (within one JVM, Java's own table would refuse).
    Process other = LockHolder.start(appliance.root.dir(), ApplianceLock.EXCLUSIVE.file(appliance.root));
    try (Installation second = appliance.installation()) {
      Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> new PrepareAppliance(second).run());
      assertTrue(refused.getMessage().startsWith("not running prepare-appliance: pid " + other.pid() + " (run) is changing"),
          refused.getMessage());
      assertTrue(refused.getMessage().contains("ps -fp " + other.pid()), refused.getMessage());
      assertFalse(Files.exists(appliance.root.dir().resolve("data/etc")), "nothing was laid out");
      assertTrue(appliance.engine.calls().isEmpty(), "the engine was not asked: " + appliance.engine.calls());
    } finally {
      other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    try (Installation later = appliance.installation()) {
      new PrepareAppliance(later).run();
    }
    assertTrue(new MaintenancePage(appliance.root, appliance.time).shown().isPresent(), "taken once the holder ended");
  }

  @Test
  void prepareApplianceOnAServingApplianceRaisesNoStartingPage() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    MaintenancePage page = new MaintenancePage(appliance.root, appliance.time);
    try (Installation first = appliance.installation()) {
      new PrepareAppliance(first).run();
    }
    page.clearAutomatic(); // serving, as the supervisor leaves it
    Process supervisor = LockHolder.start(appliance.root.dir(), ApplianceLock.SUPERVISOR.file(appliance.root));
    try {
      try (Installation again = appliance.installation()) {
        new PrepareAppliance(again).run();
      }
      assertTrue(page.shown().isEmpty(), "no page that nothing would end: " + appliance.log);
      assertTrue(appliance.log.contains("maintenance page: skipping: already off: a supervisor, pid " + supervisor.pid()
          + " (run), serves the application"), appliance.log.toString());
      try (Installation secondUp = appliance.installation()) {
        Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
            () -> secondUp.hold(ApplianceLock.SUPERVISOR, "up"));
        assertTrue(refused.getMessage().startsWith("another supervisor, pid " + supervisor.pid() + " (run), is running"),
            refused.getMessage());
      }
    } finally {
      supervisor.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aHolderKilledWithSigkillLeavesNoLockAndStatusSaysNothingSupervises() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    Path file = ApplianceLock.SUPERVISOR.file(appliance.root);
    EngineListing noEngine = new EngineListing(dir.resolve("no-docker.sock"));
    Process holder = LockHolder.start(appliance.root.dir(), file);
    try {
      assertEquals("pid " + holder.pid() + " (run)", ApplianceLock.SUPERVISOR.holder(appliance.root).orElseThrow());
      StatusReport live = StatusReport.read(appliance.root, appliance.installation().stackShape(), noEngine, appliance.time, 0,
          appliance.installation()::holder);
      assertEquals("pid " + holder.pid() + " (run)", live.supervisor());
    } finally {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertTrue(Files.exists(file), "the holder's name stays behind");
    assertTrue(ApplianceLock.SUPERVISOR.holder(appliance.root).isEmpty(), "but nobody holds the lock");
    StatusReport after = StatusReport.read(appliance.root, appliance.installation().stackShape(), noEngine, appliance.time, 0,
          appliance.installation()::holder);
    assertEquals(null, after.supervisor());
    assertEquals(StatusReport.State.STOPPED, after.state());
    try (Installation next = appliance.installation()) {
      next.hold(ApplianceLock.SUPERVISOR, "run");
    }
  }

  @Test
  void theStatusAnAlertCarriesKeepsTheLocksOfItsOwnProcess() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    EngineListing noEngine = new EngineListing(dir.resolve("no-docker.sock"));
    try (Installation supervisor = appliance.installation()) {
      supervisor.hold(ApplianceLock.SUPERVISOR, "run");
      supervisor.hold(ApplianceLock.EXCLUSIVE, "run");
      supervisor.hold(ApplianceLock.WORK, "backup");

      StatusReport status = StatusReport.read(appliance.root, supervisor.stackShape(), noEngine, appliance.time, 0,
          supervisor::holder);

      assertTrue(status.supervisor().startsWith("pid " + ProcessHandle.current().pid() + " (run, since "), status.supervisor());
      assertTrue(status.backup().atWork().startsWith("pid " + ProcessHandle.current().pid() + " (backup, since "),
          status.backup().atWork());
      for (ApplianceLock lock : ApplianceLock.values()) {
        // Another process must still be refused: reading the file here would have dropped the lock.
        IllegalStateException refused = assertThrows(IllegalStateException.class,
            () -> LockHolder.start(appliance.root.dir(), lock.file(appliance.root)));
        assertEquals("the lock holder said: refused", refused.getMessage(), lock.name());
      }
    }
  }
}
