package dev.appliance.access;

import java.util.ArrayList;
import java.util.List;

/** The journalctl command line that reads sshd's new lines since the last read. */
final class SshJournalCommands {

  private SshJournalCommands() {}

  /**
   * sshd's lines (sshd-session's, on OpenSSH 9.8 and later) after the one in {@code cursorFile}, which journalctl
   * moves on; without a cursor yet, those of the current boot. Matched by the fields the journal sets itself (the
   * process's name and user), never by the syslog identifier, which anyone can claim: logger -t sshd.
   */
  static List<String> since(String cursorFile, boolean firstRead) {
    List<String> command = new ArrayList<>(List.of("journalctl", "--cursor-file=" + cursorFile, "_COMM=sshd",
        "_COMM=sshd-session", "_UID=0", "-o", "json", "--no-pager"));
    if (firstRead) {
      command.add("-b");
    }
    return command;
  }
}
