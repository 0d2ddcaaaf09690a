package dev.appliance.access;

import dev.appliance.host.HostRoot;
import dev.appliance.env.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The files of one operator account: the appliance's marker (it made the account), the keys sshd reads, the sudo
 * rule. Written through the host seam, the keys given to the account, the sudo rule checked by visudo first.
 */
final class OperatorFiles {

  private static final String MARKERS = "/var/lib/appliance/operators";
  /** sshd reads an operator's keys here (AuthorizedKeysFile): root's directory, never one the operator can change. */
  static final String KEYS = "/etc/ssh/authorized_keys";

  private final HostRoot root;
  private final String name;

  OperatorFiles(HostRoot root, String name) {
    this.root = root;
    this.name = name;
  }

  Path marker() {
    return root.resolve(MARKERS + "/" + name);
  }

  /**
   * The keys file, {@code /etc/ssh/authorized_keys/NAME}: root writes it in a directory of root's, so an operator
   * cannot point the write elsewhere with a link in a home of their own.
   */
  Path keys() {
    return root.resolve(KEYS + "/" + name);
  }

  /** Markers of the accounts the appliance made, by name. */
  static List<String> marked(HostRoot root) throws IOException {
    Path markers = root.resolve(MARKERS);
    if (!Files.isDirectory(markers)) {
      return List.of();
    }
    try (var names = Files.list(markers)) {
      return names.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  Path sudoRule() {
    return root.resolve(SudoRule.path(name));
  }

  static String keysText(List<String> keys) {
    StringBuilder text = new StringBuilder("# From appliance/users in env.yml, written by prepare-appliance.\n");
    keys.forEach(key -> text.append(key.strip()).append('\n'));
    return text.toString();
  }

  /** Whether the keys file holds {@code text}, readable by sshd's unprivileged check, writable by root alone. */
  boolean keysCurrent(String text) throws IOException {
    Path file = keys();
    return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.readString(file).equals(text)
        && root.ownership().has(file, 0, 0, "rw-r--r--");
  }

  void markAsOurs() throws IOException {
    root.files().write(marker(), "rw-r--r--", "made by prepare-appliance from appliance/users\n");
  }

  /** Writes the keys, root's file in root's directory. */
  void writeKeys(String text) throws IOException {
    Path file = keys();
    root.files().createDirectories(file.getParent());
    root.files().write(file, "rw-r--r--", text);
    root.files().own(file, 0, 0, "rw-r--r--");
  }

  /** Installs {@code text} as the sudo rule once {@code visudo} accepted it; a rule it refuses is not installed. */
  void installSudoRule(ProcessRunner processes, String text) throws IOException {
    Path scratch = root.files().temporaryDirectory("sudoers");
    try {
      Path candidate = scratch.resolve("appliance-" + name);
      root.files().write(candidate, "r--r-----", text);
      processes.run(AccountCommands.checkSudoers(candidate.toString()), Duration.ofSeconds(30));
      root.files().write(sudoRule(), "r--r-----", text);
    } finally {
      root.files().deleteTree(scratch);
    }
  }
}
