package dev.appliance.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The drop-ins ({@code /etc/systemd/system/TIMER.d/schedule.conf}) that give timers their times from the env: the
 * ones to write, by timer, and the ones to remove (a timer that runs only where its drop-in exists).
 */
record TimerDropIns(Map<String, String> files, Set<String> removed) {

  /** A drop-in setting {@code expression} from the env's {@code key}, then {@code more} lines of [Timer]. */
  static String of(String key, String expression, String more) {
    // The empty OnCalendar= clears the unit's own time: timers add up every OnCalendar they are given.
    return "# Written by prepare-appliance from the env's " + key + "; change it there, not here.\n"
        + "[Timer]\nOnCalendar=\nOnCalendar=" + expression + "\n" + more;
  }

  static Path file(StepContext context, String timer) {
    return context.root().resolve("/etc/systemd/system/" + timer + ".d/schedule.conf");
  }

  /** Whether every drop-in is written as it should be and none to remove is left. */
  boolean current(StepContext context) throws IOException {
    for (String timer : removed) {
      if (Files.exists(file(context, timer))) {
        return false;
      }
    }
    for (Map.Entry<String, String> dropIn : files.entrySet()) {
      Path file = file(context, dropIn.getKey());
      if (!Files.isRegularFile(file) || !Files.readString(file).equals(dropIn.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Removes and writes the drop-ins (systemd reads them on its next daemon-reload). */
  void write(StepContext context) throws IOException {
    for (String timer : removed) {
      context.root().files().delete(file(context, timer));
    }
    for (Map.Entry<String, String> dropIn : files.entrySet()) {
      context.root().files().write(file(context, dropIn.getKey()), "rw-r--r--", dropIn.getValue());
    }
  }
}
