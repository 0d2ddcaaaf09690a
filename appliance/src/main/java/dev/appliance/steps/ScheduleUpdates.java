package dev.appliance.steps;

import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The env's update window ({@code appliance/update/oncalendar}) as drop-ins ({@code /etc/systemd/system/TIMER.d/
 * schedule.conf}) of Debian's apt timers and the appliance's update timer, without their random delays:
 * {@code apt-daily.timer} (the package lists and downloads) an hour before the window, {@code apt-daily-upgrade.timer}
 * (unattended-upgrades) and {@code appliance-update.timer} at it. The update timer's drop-in exists only with
 * {@code appliance/update/automatic: true}, the reboot timer's only with {@code appliance/update/reboot} set: each runs
 * only where its drop-in exists. Under systemd the timers restart with the new times; a test root gets the files alone.
 */
final class ScheduleUpdates implements Step {

  static final String APT_DAILY_TIMER = "apt-daily.timer";
  static final String APT_UPGRADE_TIMER = "apt-daily-upgrade.timer";
  /** Runs only where its drop-in exists: {@code appliance/update/automatic: true}. */
  static final String UPDATE_TIMER = "appliance-update.timer";
  /** Runs only where its drop-in exists: {@code appliance/update/reboot} other than never. */
  static final String REBOOT_TIMER = "appliance-reboot.timer";

  /** A time of day with one fixed hour, the only kind that {@link #hourBefore} moves. */
  private static final Pattern FIXED_TIME = Pattern.compile("(\\d{1,2})(:\\d{1,2}(?::\\d{1,2}(?:\\.\\d+)?)?)");

  private final UpdateConfig update;
  private final boolean underSystemd;

  ScheduleUpdates(UpdateConfig update, boolean underSystemd) {
    this.update = update;
    this.underSystemd = underSystemd;
  }

  @Override
  public String name() {
    return "update schedule";
  }

  /**
   * The window an hour earlier, where its time is one fixed hour from 01 on ({@code Mon..Fri 05:00 Europe/Vienna}
   * gives {@code Mon..Fri 04:00 Europe/Vienna}); any other (hour 0, {@code daily}, ranges) unchanged, since the hour
   * before would fall on another day: apt-daily-upgrade.service is ordered after apt-daily.service either way.
   */
  static String hourBefore(CalendarExpression window) {
    String[] tokens = window.expression().split("\\s+");
    int at = -1;
    for (int i = 0; i < tokens.length; i++) {
      if (FIXED_TIME.matcher(tokens[i]).matches()) {
        if (at >= 0) {
          return window.expression();
        }
        at = i;
      }
    }
    Matcher time = at < 0 ? null : FIXED_TIME.matcher(tokens[at]);
    if (time == null || !time.matches() || Integer.parseInt(time.group(1)) == 0) {
      return window.expression();
    }
    tokens[at] = String.format("%02d", Integer.parseInt(time.group(1)) - 1) + time.group(2);
    return String.join(" ", tokens);
  }

  private Map<String, String> dropIns() {
    Map<String, String> files = new LinkedHashMap<>();
    String window = update.onCalendar().expression();
    files.put(APT_DAILY_TIMER, dropIn("appliance/update/oncalendar (an hour before)", hourBefore(update.onCalendar())));
    files.put(APT_UPGRADE_TIMER, dropIn("appliance/update/oncalendar", window));
    if (update.automatic()) {
      files.put(UPDATE_TIMER, dropIn("appliance/update/oncalendar", window));
    }
    update.reboot().ifPresent(reboot -> files.put(REBOOT_TIMER, dropIn("appliance/update/reboot", reboot.expression())));
    return files;
  }

  /** The timers that run only where their drop-in exists, and whether the env gives them one. */
  private Map<String, Boolean> conditional() {
    return Map.of(UPDATE_TIMER, update.automatic(), REBOOT_TIMER, update.reboot().isPresent());
  }

  private static String dropIn(String key, String expression) {
    // The empty OnCalendar= clears the unit's own time: timers add up every OnCalendar they are given.
    return "# Written by prepare-appliance from the env's " + key + "; change it there, not here.\n"
        + "[Timer]\nOnCalendar=\nOnCalendar=" + expression + "\nRandomizedDelaySec=0\n";
  }

  private static Path file(StepContext context, String timer) {
    return context.root().resolve("/etc/systemd/system/" + timer + ".d/schedule.conf");
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws IOException {
    for (Map.Entry<String, Boolean> timer : conditional().entrySet()) {
      if (!timer.getValue() && Files.exists(file(context, timer.getKey()))) {
        return Optional.empty();
      }
    }
    for (Map.Entry<String, String> dropIn : dropIns().entrySet()) {
      Path file = file(context, dropIn.getKey());
      if (!Files.isRegularFile(file) || !Files.readString(file).equals(dropIn.getValue())) {
        return Optional.empty();
      }
    }
    return Optional.of(describe());
  }

  private String describe() {
    return "updates at " + update.onCalendar().expression() + (update.automatic() ? "" : " (apt only: automatic is false)")
        + ", reboots " + update.reboot().map(r -> "at " + r.expression() + " if one is required").orElse("never");
  }

  @Override
  public void apply(StepContext context) throws IOException {
    for (Map.Entry<String, Boolean> timer : conditional().entrySet()) {
      if (!timer.getValue()) {
        context.root().files().delete(file(context, timer.getKey()));
      }
    }
    for (Map.Entry<String, String> dropIn : dropIns().entrySet()) {
      context.root().files().write(file(context, dropIn.getKey()), "rw-r--r--", dropIn.getValue());
    }
    if (underSystemd) {
      context.processes().run(SystemctlCommands.daemonReload(), Duration.ofMinutes(1));
      for (String timer : List.of(APT_DAILY_TIMER, APT_UPGRADE_TIMER)) {
        context.processes().run(SystemctlCommands.tryRestart(timer), Duration.ofMinutes(1));
      }
      // A restart, not try-restart: their ConditionPathExists= starts them where the drop-in is new, stops them where
      // it is gone.
      for (String timer : List.of(UPDATE_TIMER, REBOOT_TIMER)) {
        context.processes().run(SystemctlCommands.restart(timer), Duration.ofMinutes(1));
      }
    }
    context.log().accept(describe().replaceFirst("^updates at", "updates scheduled at"));
  }
}
