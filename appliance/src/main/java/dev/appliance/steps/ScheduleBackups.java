package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig.BackupConfig;
import dev.appliance.env.model.CalendarExpression;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The env's schedules as drop-ins of the backup, restore-drill and mirror timers ({@code /etc/systemd/system/TIMER.d/
 * schedule.conf}): {@code appliance/backup/schedule}, {@code appliance/backup/drill/schedule} and, on a staging
 * appliance with a mirror, {@code appliance/backup/mirror/schedule} (without one the mirror's drop-in is removed, and
 * its service, which runs only where the drop-in exists, does nothing). Under systemd,
 * systemd reads them again and the running timers restart with the new time; a test root gets the files alone.
 */
final class ScheduleBackups implements Step {

  static final String BACKUP_TIMER = "appliance-backup.timer";
  static final String DRILL_TIMER = "appliance-restore-drill.timer";
  /** Runs only where its drop-in exists: a staging appliance with appliance/backup/mirror. */
  static final String MIRROR_TIMER = "appliance-mirror.timer";

  private final BackupConfig backup;
  private final boolean underSystemd;

  ScheduleBackups(BackupConfig backup, boolean underSystemd) {
    this.backup = backup;
    this.underSystemd = underSystemd;
  }

  @Override
  public String name() {
    return "backup schedule";
  }

  private TimerDropIns dropIns() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(BACKUP_TIMER, dropIn("appliance/backup/schedule", backup.schedule()));
    files.put(DRILL_TIMER, dropIn("appliance/backup/drill/schedule", backup.drillSchedule()));
    backup.mirror().ifPresent(mirror -> files.put(MIRROR_TIMER, dropIn("appliance/backup/mirror/schedule", mirror.schedule())));
    return new TimerDropIns(files, backup.mirror().isEmpty() ? Set.of(MIRROR_TIMER) : Set.of());
  }

  private static String dropIn(String key, CalendarExpression schedule) {
    return TimerDropIns.of(key, schedule.expression(), "");
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws IOException {
    return dropIns().current(context) ? Optional.of(describe()) : Optional.empty();
  }

  private String describe() {
    return "backups at " + backup.schedule().expression() + ", the restore drill at " + backup.drillSchedule().expression()
        + backup.mirror().map(m -> ", the mirror restore at " + m.schedule().expression()).orElse("");
  }

  @Override
  public void apply(StepContext context) throws IOException {
    dropIns().write(context);
    if (underSystemd) {
      context.processes().run(SystemctlCommands.daemonReload(), Duration.ofMinutes(1));
      for (String timer : dropIns().files().keySet()) {
        context.processes().run(SystemctlCommands.tryRestart(timer), Duration.ofMinutes(1));
      }
    }
    context.log().accept(describe().replaceFirst("^backups at", "backups scheduled at"));
  }
}
