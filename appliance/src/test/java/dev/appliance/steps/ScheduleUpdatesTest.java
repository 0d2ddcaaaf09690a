package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.engine.GuardedEngine;
import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The env's update window as the apt timers' and the update timer's drop-ins. */
class ScheduleUpdatesTest {

  @TempDir
  Path dir;

  private static UpdateConfig update(boolean automatic, String window, String reboot) {
    return new UpdateConfig(automatic, new CalendarExpression(window),
        Optional.ofNullable(reboot).map(CalendarExpression::new));
  }

  private static Path dropIn(FakeAppliance appliance, String timer) {
    return appliance.root.dir().resolve("etc/systemd/system/" + timer + ".d/schedule.conf");
  }

  @Test
  void aptListsAnHourBeforeTheWindowUpgradesAndTheApplianceUpdateAtItWithoutRandomDelay() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    ScheduleUpdates step = new ScheduleUpdates(update(true, "*-*-* 06:30:00", null), false);
    try (Installation installation = appliance.installation()) {
      assertEquals(Optional.empty(), step.satisfied(installation));
      step.apply(installation);
      assertEquals("# Written by prepare-appliance from the env's appliance/update/oncalendar (an hour before); change"
          + " it there, not here.\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* 05:30:00\nRandomizedDelaySec=0\n",
          Files.readString(dropIn(appliance, "apt-daily.timer")));
      assertEquals("# Written by prepare-appliance from the env's appliance/update/oncalendar; change it there, not"
          + " here.\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* 06:30:00\nRandomizedDelaySec=0\n",
          Files.readString(dropIn(appliance, "apt-daily-upgrade.timer")));
      assertEquals(Files.readString(dropIn(appliance, "apt-daily-upgrade.timer")),
          Files.readString(dropIn(appliance, "appliance-update.timer")));
      assertFalse(Files.exists(dropIn(appliance, "appliance-reboot.timer")), "reboot: never");
      assertEquals(List.of(), appliance.processes.commands(), "a test root: no systemctl");
      assertTrue(appliance.log.contains("updates scheduled at *-*-* 06:30:00, reboots never"), appliance.log.toString());
      assertEquals(Optional.of("updates at *-*-* 06:30:00, reboots never"), step.satisfied(installation));
      assertEquals(Optional.empty(), new ScheduleUpdates(update(true, "*-*-* 07:30:00", null), false)
          .satisfied(installation), "another window");
    }
  }

  @Test
  void withoutAutomaticTheUpdateTimersDropInGoesAndWithARebootTheRebootTimerGetsOne() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    try (Installation installation = appliance.installation()) {
      new ScheduleUpdates(update(true, "*-*-* 06:30:00", null), false).apply(installation);
      ScheduleUpdates manual = new ScheduleUpdates(update(false, "*-*-* 06:30:00", "Sun *-*-* 04:00:00"), false);
      assertEquals(Optional.empty(), manual.satisfied(installation), "the update timer's drop-in must go");
      manual.apply(installation);
      assertFalse(Files.exists(dropIn(appliance, "appliance-update.timer")), "its ConditionPathExists stops the timer");
      assertTrue(Files.exists(dropIn(appliance, "apt-daily-upgrade.timer")));
      assertTrue(Files.readString(dropIn(appliance, "appliance-reboot.timer"))
          .endsWith("\nOnCalendar=\nOnCalendar=Sun *-*-* 04:00:00\nRandomizedDelaySec=0\n"));
      assertEquals(Optional.of("updates at *-*-* 06:30:00 (apt only: automatic is false), reboots at Sun *-*-* 04:00:00"
          + " if one is required"), manual.satisfied(installation));
      ScheduleUpdates never = new ScheduleUpdates(update(false, "*-*-* 06:30:00", null), false);
      assertEquals(Optional.empty(), never.satisfied(installation), "the reboot timer's drop-in must go");
      never.apply(installation);
      assertFalse(Files.exists(dropIn(appliance, "appliance-reboot.timer")));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*-*-* 06:30:00|*-*-* 05:30:00",
      "06:30|05:30",
      "Mon..Fri *-*-* 5:00 Europe/Vienna|Mon..Fri *-*-* 04:00 Europe/Vienna",
      "*-*-* 10:15:00.5|*-*-* 09:15:00.5",
      "*-*-* 00:30:00|*-*-* 00:30:00",
      "daily|daily",
      "*-*-* 06,18:00|*-*-* 06,18:00",
      "*:0/15|*:0/15"})
  void theHourBeforeMovesOnlyOneFixedHourOnTheSameDay(String window, String before) {
    assertEquals(before, ScheduleUpdates.hourBefore(new CalendarExpression(window)));
  }

  @Test
  void underSystemdTheAptTimersAreTryRestartedAndTheConditionalOnesRestarted() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    List<String> seen = new ArrayList<>();
    ProcessRunner systemctl = new ProcessRunner() {
      @Override
      public Output run(List<String> command, Duration timeout) {
        seen.add(String.join(" ", command) + (Files.isRegularFile(dropIn(appliance, "apt-daily.timer"))
            ? "" : " (before the drop-ins)"));
        return new Output("", "");
      }
    };
    Installation.Settings settings = new Installation.Settings(TestEnvs.STACK, null, 8080, 8443, 0);
    try (Installation installation = new Installation(appliance.root, settings, systemctl, appliance.time, appliance.time,
        appliance.log::add, line -> new GuardedEngine(appliance.engine, line))) {
      new ScheduleUpdates(update(true, "*-*-* 06:30:00", null), true).apply(installation);
    }
    assertEquals(List.of("systemctl daemon-reload", "systemctl try-restart apt-daily.timer",
        "systemctl try-restart apt-daily-upgrade.timer", "systemctl restart appliance-update.timer",
        "systemctl restart appliance-reboot.timer"), seen);
  }
}
