package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.model.EnvConfig.BackupConfig;
import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.engine.GuardedEngine;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The env's backup and drill schedules as the timers' drop-ins. */
class ScheduleBackupsTest {

  @TempDir
  Path dir;

  private static BackupConfig backup(String schedule, String drill) {
    return new BackupConfig(URI.create("file:///data/backups"), Secret.of("pw"), new CalendarExpression(schedule),
        new Retention(7, 4, 12), Optional.empty(), Optional.empty(), Optional.empty(), new CalendarExpression(drill),
        Optional.empty());
  }

  private static Path dropIn(FakeAppliance appliance, String timer) {
    return appliance.root.dir().resolve("etc/systemd/system/" + timer + ".d/schedule.conf");
  }

  @Test
  void theDropInsClearTheUnitsTimeAndGiveTheEnvsAndARerunIsSatisfied() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    ScheduleBackups step = new ScheduleBackups(backup("*-*-* 01:15:00", "Sat *-*-* 05:00:00"), false);
    try (Installation installation = appliance.installation()) {
      assertEquals(Optional.empty(), step.satisfied(installation));
      step.apply(installation);
      assertEquals("# Written by prepare-appliance from the env's appliance/backup/schedule; change it there, not here.\n"
          + "[Timer]\nOnCalendar=\nOnCalendar=*-*-* 01:15:00\n",
          Files.readString(dropIn(appliance, "appliance-backup.timer")));
      assertEquals("# Written by prepare-appliance from the env's appliance/backup/drill/schedule; change it there, not"
          + " here.\n[Timer]\nOnCalendar=\nOnCalendar=Sat *-*-* 05:00:00\n",
          Files.readString(dropIn(appliance, "appliance-restore-drill.timer")));
      assertEquals("rw-r--r--", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dropIn(appliance, "appliance-backup.timer"))), "systemd reads it as any user");
      assertEquals(List.of(), appliance.processes.commands(), "a test root: no systemctl");
      assertTrue(appliance.log.contains("backups scheduled at *-*-* 01:15:00, the restore drill at Sat *-*-* 05:00:00"),
          appliance.log.toString());

      assertEquals(Optional.of("backups at *-*-* 01:15:00, the restore drill at Sat *-*-* 05:00:00"),
          step.satisfied(installation));
      assertEquals(Optional.empty(), new ScheduleBackups(backup("*-*-* 03:00:00", "Sat *-*-* 05:00:00"), false)
          .satisfied(installation), "another backup time");
      assertEquals(Optional.empty(), new ScheduleBackups(backup("*-*-* 01:15:00", "Sun *-*-* 05:00:00"), false)
          .satisfied(installation), "another drill time");
    }
  }

  @Test
  void aChangedScheduleIsWrittenAgain() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    try (Installation installation = appliance.installation()) {
      new ScheduleBackups(backup("*-*-* 01:15:00", "Sat *-*-* 05:00:00"), false).apply(installation);
      Files.writeString(dropIn(appliance, "appliance-restore-drill.timer"), "[Timer]\nOnCalendar=hourly\n");
      ScheduleBackups changed = new ScheduleBackups(backup("daily", "Sat *-*-* 05:00:00"), false);
      assertEquals(Optional.empty(), changed.satisfied(installation), "a drop-in edited by hand is not the env's");
      changed.apply(installation);
      assertTrue(Files.readString(dropIn(appliance, "appliance-backup.timer")).endsWith("\nOnCalendar=\nOnCalendar=daily\n"));
      assertTrue(Files.readString(dropIn(appliance, "appliance-restore-drill.timer"))
          .endsWith("\nOnCalendar=\nOnCalendar=Sat *-*-* 05:00:00\n"));
      assertTrue(changed.satisfied(installation).isPresent());
    }
  }

  @Test
  void underSystemdTheTimersAreReloadedAndRestartedOnceTheFilesAreThere() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    List<String> seen = new java.util.ArrayList<>();
    ProcessRunner systemctl = new ProcessRunner() {
      @Override
      public Output run(List<String> command, Duration timeout) {
        seen.add(String.join(" ", command) + (Files.isRegularFile(dropIn(appliance, "appliance-restore-drill.timer"))
            ? "" : " (before the drop-ins)"));
        return new Output("", "");
      }
    };
    Installation.Settings settings = new Installation.Settings(TestEnvs.STACK, null, 8080, 8443, 0);
    try (Installation installation = new Installation(appliance.root, settings, systemctl, appliance.time, appliance.time,
        appliance.log::add, line -> new GuardedEngine(appliance.engine, line))) {
      new ScheduleBackups(backup("*-*-* 01:15:00", "Sat *-*-* 05:00:00"), true).apply(installation);
    }
    assertEquals(List.of("systemctl daemon-reload", "systemctl try-restart appliance-backup.timer",
        "systemctl try-restart appliance-restore-drill.timer"), seen);
  }
}
