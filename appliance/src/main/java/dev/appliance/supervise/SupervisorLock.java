package dev.appliance.supervise;

import dev.appliance.env.cli.Cli;
import dev.appliance.host.HostLock;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One supervisor per root: two would restart each other's containers and clear each other's stop mark. The lock
 * on {@code /run/appliance/supervisor.pid} goes with the process, however it ends (even {@code kill -9}).
 */
final class SupervisorLock {

  private SupervisorLock() {}

  static HostLock acquire(HostRoot root) throws IOException {
    Path file = root.runState().resolve("supervisor.pid");
    return root.files().tryLock(file, Long.toString(ProcessHandle.current().pid())).orElseThrow(() -> {
      String pid;
      try {
        pid = Files.readString(file).strip();
      } catch (IOException e) {
        pid = "unknown";
      }
      return new Cli.BadInputException("another supervisor (pid " + pid + ") is running for " + root.dir()
          + "; stop it first (appliance stop, or systemctl stop appliance)");
    });
  }
}
