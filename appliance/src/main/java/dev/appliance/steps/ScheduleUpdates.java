package dev.appliance.steps;

import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.model.EnvConfig.UpdateConfig;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

  private TimerDropIns dropIns() {
    Map<String, String> files = new LinkedHashMap<>();
    String window = update.onCalendar().expression();
    files.put(APT_DAILY_TIMER, dropIn("appliance/update/oncalendar (an hour before)", hourBefore(update.onCalendar())));
    files.put(APT_UPGRADE_TIMER, dropIn("appliance/update/oncalendar", window));
    if (update.automatic()) {
      files.put(UPDATE_TIMER, dropIn("appliance/update/oncalendar", window));
    }
    update.reboot().ifPresent(reboot -> files.put(REBOOT_TIMER, dropIn("appliance/update/reboot", reboot.expression())));
    // The timers that run only where their drop-in exists lose it when the env gives them none.
    Set<String> removed = new TreeSet<>(Set.of(UPDATE_TIMER, REBOOT_TIMER));
    removed.removeAll(files.keySet());
    return new TimerDropIns(files, removed);
  }

  private static String dropIn(String key, String expression) {
    return TimerDropIns.of(key, expression, "RandomizedDelaySec=0\n");
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws IOException {
    return dropIns().current(context) ? Optional.of(describe()) : Optional.empty();
  }

  private String describe() {
    return "updates at " + update.onCalendar().expression() + (update.automatic() ? "" : " (apt only: automatic is false)")
        + ", reboots " + update.reboot().map(r -> "at " + r.expression() + " if one is required").orElse("never");
  }

  @Override
  public void apply(StepContext context) throws IOException {
    dropIns().write(context);
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
