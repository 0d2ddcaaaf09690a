package dev.appliance.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The sudo rule of one operator, {@code /etc/sudoers.d/appliance-NAME}. Without a password either way (the accounts
 * have none): {@code sudo: true} is any command, {@code sudo: false} the appliance's status and recovery commands and
 * its own units' journal, nothing that can start a shell.
 */
final class SudoRule {

  static final String APPLIANCE = "/usr/local/bin/appliance";
  static final String JOURNALCTL = "/usr/bin/journalctl";

  /** One of the appliance's units (its own names), as journalctl's -u takes it. */
  private static final String JOURNAL_UNIT = "-u (appliance|appliance-[a-z-]+|prepare-(env|appliance|app))"
      + "(@[a-z0-9.-]+)?(\\.service|\\.timer)?";
  /** Options that only show; never alone, which would be the whole system's journal. */
  private static final String JOURNAL_OPTION = "(-[befx]+|-n [0-9]+|--no-pager)";

  private static final List<String> LIMITED = List.of(
      APPLIANCE + " status", APPLIANCE + " status --json",
      APPLIANCE + " maintenance on", APPLIANCE + " maintenance on *", APPLIANCE + " maintenance off",
      APPLIANCE + " clear-failed");

  private SudoRule() {}

  static String path(String name) {
    return "/etc/sudoers.d/appliance-" + name;
  }

  static String text(String name, boolean full) {
    String header = "# " + name + "'s sudo rule, written by prepare-appliance from appliance/users (sudo: " + full
        + ").\n";
    if (full) {
      return header + name + " ALL=(ALL:ALL) NOPASSWD: ALL\n";
    }
    // A command with arguments listed allows exactly those; NOEXEC keeps journalctl's pager from starting a shell.
    return header + name + " ALL=(root) NOPASSWD: " + LIMITED.stream().collect(Collectors.joining(", ")) + "\n"
        + name + " ALL=(root) NOPASSWD:NOEXEC: " + JOURNALCTL + " ^" + JOURNAL_UNIT + "( " + JOURNAL_UNIT + ")*( "
        + JOURNAL_OPTION + ")*$\n";
  }
}
