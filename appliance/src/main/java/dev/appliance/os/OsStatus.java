package dev.appliance.os;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code status} says of the machine's packages: the upgrades apt has pending (by the package lists it last
 * fetched), whether a reboot is required, and the running dockerd against the installed docker.io. A line whose
 * program is missing or fails says "unknown" and why, instead of failing the status.
 */
public final class OsStatus {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private OsStatus() {}

  public static List<String> lines(HostRoot root, ProcessRunner processes) {
    return List.of(upgrades(processes), reboot(root), docker(processes));
  }

  private static String upgrades(ProcessRunner processes) {
    try {
      PendingUpgrades pending = PendingUpgrades.parse(processes.run(OsCommands.simulateUpgrade(), PATIENCE).stdout());
      if (pending.packages().isEmpty()) {
        return "OS updates: none pending";
      }
      List<String> held = pending.heldBack();
      return "OS updates: " + pending.packages().size() + " pending"
          + (held.isEmpty() ? "" : " (" + String.join(", ", held) + " held back for 'appliance update --os')");
    } catch (ProcessRunner.ProcessException e) {
      return "OS updates: unknown (" + e.getMessage() + ")";
    }
  }

  private static String reboot(HostRoot root) {
    Path flag = RebootWindow.flag(root);
    if (!Files.exists(flag)) {
      return "reboot required: no";
    }
    Path packages = flag.resolveSibling(flag.getFileName() + ".pkgs");
    try {
      List<String> names = Files.isRegularFile(packages)
          ? Files.readAllLines(packages).stream().map(String::strip).filter(l -> !l.isEmpty()).distinct().toList()
          : List.of();
      return "reboot required: yes" + (names.isEmpty() ? "" : " (by " + String.join(", ", names) + ")");
    } catch (IOException e) {
      return "reboot required: yes (" + packages + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static String docker(ProcessRunner processes) {
    String installed;
    try {
      installed = processes.run(OsCommands.installedVersion("docker.io"), PATIENCE).stdout().strip();
    } catch (ProcessRunner.ProcessException e) {
      return "Docker: unknown (" + e.getMessage() + ")";
    }
    try {
      DockerVersions versions = new DockerVersions(
          processes.run(OsCommands.runningDockerVersion(), PATIENCE).stdout().strip(), installed);
      return "Docker: dockerd " + versions.running() + ", docker.io " + installed + (versions.restartPending()
          ? " (dockerd not restarted since the upgrade: appliance update --os)" : "");
    } catch (ProcessRunner.ProcessException e) {
      return "Docker: docker.io " + installed + ", dockerd unknown (" + e.getMessage() + ")";
    }
  }
}
