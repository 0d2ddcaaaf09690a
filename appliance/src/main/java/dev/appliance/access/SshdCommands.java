package dev.appliance.access;

import java.util.List;

/** The command lines that check, reload and show sshd's configuration. */
final class SshdCommands {

  private SshdCommands() {}

  /** Checks the configuration {@code mainConfig} (and what it includes) as sshd would read it. */
  static List<String> test(String mainConfig) {
    return List.of("sshd", "-t", "-f", mainConfig);
  }

  /** The configuration sshd runs with, one lower-case {@code key value} a line. */
  static List<String> effective() {
    return List.of("sshd", "-T");
  }

  static List<String> effective(String mainConfig) {
    return List.of("sshd", "-T", "-f", mainConfig);
  }

  /** Makes a running sshd read its configuration; with socket activation and no sshd running, nothing to do. */
  static List<String> reload() {
    return List.of("systemctl", "try-reload-or-restart", "ssh.service");
  }
}
