package dev.appliance.supervise;

import java.util.ArrayList;
import java.util.List;

/** The systemctl and systemd-notify command lines the appliance runs. */
public final class SystemctlCommands {

  private SystemctlCommands() {}

  /** Restarts {@code unit} if it runs (a timer the operator stopped stays stopped). */
  public static List<String> tryRestart(String unit) {
    return List.of("systemctl", "try-restart", unit);
  }

  /** Makes systemd read its unit files and drop-ins again. */
  public static List<String> daemonReload() {
    return List.of("systemctl", "daemon-reload");
  }

  /** Starts {@code unit} without waiting for it (appliance.service runs the whole start chain first). */
  public static List<String> startNoBlock(String unit) {
    return List.of("systemctl", "start", "--no-block", unit);
  }

  /** Stops the unit and, through their PartOf=, the units of its chain, cancelling their queued starts. */
  public static List<String> stop(String unit) {
    return List.of("systemctl", "stop", unit);
  }

  /** Makes the running unit read its configuration again (dockerd: live-restore and other reloadable settings). */
  public static List<String> reload(String unit) {
    return List.of("systemctl", "reload", unit);
  }

  public static List<String> restart(String unit) {
    return List.of("systemctl", "restart", unit);
  }

  /** Reboots the machine. */
  public static List<String> reboot() {
    return List.of("systemctl", "reboot");
  }

  public static List<String> enable(String unit) {
    return List.of("systemctl", "enable", unit);
  }

  /** Stops the unit and keeps it from starting at boot. */
  public static List<String> disableNow(String unit) {
    return List.of("systemctl", "disable", "--now", unit);
  }

  /** Prints {@code NAME=VALUE} lines of the unit's {@code properties}, such as LoadState, UnitFileState, ActiveState. */
  public static List<String> show(String unit, List<String> properties) {
    return List.of("systemctl", "show", "--property=" + String.join(",", properties), unit);
  }

  /** Forgets the units' failures and start-limit counts, so that {@code systemctl start} works again at once. */
  public static List<String> resetFailed(List<String> units) {
    List<String> command = new ArrayList<>(List.of("systemctl", "reset-failed"));
    command.addAll(units);
    return command;
  }

  /** Prints the unit's ActiveState alone ({@code active}, {@code failed} ...). */
  public static List<String> activeState(String unit) {
    return List.of("systemctl", "show", "--property=ActiveState", "--value", unit);
  }

  /** Tells systemd about process {@code pid}: {@code --ready}, {@code --status=...}, {@code STOPPING=1}. */
  public static List<String> notify(long pid, List<String> messages) {
    List<String> command = new ArrayList<>(List.of("systemd-notify", "--pid=" + pid));
    command.addAll(messages);
    return command;
  }
}
