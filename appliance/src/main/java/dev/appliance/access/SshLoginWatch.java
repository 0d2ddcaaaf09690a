package dev.appliance.access;

import dev.appliance.alerts.Alerts;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads sshd's journal lines since the last read and tells the operators of each login, once. journalctl keeps
 * the place read in {@code /var/lib/appliance/ssh-logins.cursor}, so that a restart neither repeats nor misses one.
 */
public final class SshLoginWatch {

  static final String CURSOR = "/var/lib/appliance/ssh-logins.cursor";

  private final HostRoot root;
  private final ProcessRunner processes;

  public SshLoginWatch(HostRoot root, ProcessRunner processes) {
    this.root = root;
    this.processes = processes;
  }

  /** One read: each new login announced through {@code alerts}; how many there were. */
  public int poll(Alerts alerts) throws IOException {
    Path cursor = root.resolve(CURSOR);
    root.files().createDirectories(cursor.getParent());
    String output;
    try {
      output = processes.run(SshJournalCommands.since(cursor.toString(), !Files.exists(cursor)), Duration.ofMinutes(1))
          .stdout();
    } catch (ProcessRunner.ProcessException e) {
      // journalctl ends with 1, and says nothing, when no line of sshd's matches at all (none since boot).
      if (e.exitCode() == 1 && e.stderr().isBlank()) {
        return 0;
      }
      throw e;
    }
    List<SshLogin> logins = new ArrayList<>();
    for (String line : output.split("\n")) {
      Optional<SshLogin> login = line.isBlank() ? Optional.empty() : SshLogin.parse(line);
      login.ifPresent(logins::add);
    }
    logins.forEach(login -> alerts.announce(login.alert()));
    return logins.size();
  }
}
