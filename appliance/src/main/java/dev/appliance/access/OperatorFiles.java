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

  private final HostRoot root;
  private final String name;

  OperatorFiles(HostRoot root, String name) {
    this.root = root;
    this.name = name;
  }

  Path marker() {
    return root.resolve(MARKERS + "/" + name);
  }

  /** The keys file under {@code home} ({@code /home/NAME} until useradd made the account). */
  Path keys(String home) {
    return root.resolve(home + "/.ssh/authorized_keys");
  }

  Path sudoRule() {
    return root.resolve(SudoRule.path(name));
  }

  static String keysText(List<String> keys) {
    StringBuilder text = new StringBuilder("# From appliance/users in env.yml, written by prepare-appliance.\n");
    keys.forEach(key -> text.append(key.strip()).append('\n'));
    return text.toString();
  }

  /** Whether the keys file holds {@code text}, the account's own, 0600 in a 0700 .ssh. */
  boolean keysCurrent(HostAccounts.Account account, String text) throws IOException {
    Path file = keys(account.home());
    return Files.isRegularFile(file) && Files.readString(file).equals(text)
        && root.ownership().has(file, account.uid(), account.gid(), "rw-------")
        && root.ownership().has(file.getParent(), account.uid(), account.gid(), "rwx------");
  }

  void markAsOurs() throws IOException {
    root.files().write(marker(), "rw-r--r--", "made by prepare-appliance from appliance/users\n");
  }

  /** Writes the keys as the account (made by now) has them: its home, its IDs. */
  void writeKeys(String text) throws IOException {
    HostAccounts.Account account = new HostAccounts(root).account(name)
        .orElseThrow(() -> new IOException("the account " + name + " is missing after useradd"));
    Path file = keys(account.home());
    root.files().createDirectories(file.getParent());
    root.files().own(file.getParent(), account.uid(), account.gid(), "rwx------");
    root.files().write(file, "rw-------", text);
    root.files().own(file, account.uid(), account.gid(), "rw-------");
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
