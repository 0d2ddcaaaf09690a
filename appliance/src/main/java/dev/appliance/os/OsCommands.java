package dev.appliance.os;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The apt, dpkg, docker and systemd-analyze command lines of the OS update and its status. */
final class OsCommands {

  /** What unattended-upgrades is told to leave alone (provision.sh's blacklist): the update upgrades them itself. */
  static final List<String> HELD_BACK = List.of("docker.io", "containerd", "runc");

  private OsCommands() {}

  /** Fetches the package lists. */
  static List<String> aptUpdate() {
    return List.of("apt-get", "update", "-q");
  }

  /** Prints an {@code Inst NAME [OLD] (NEW ...)} line for each package an upgrade would install, changing nothing. */
  static List<String> simulateUpgrade() {
    return List.of("apt-get", "--simulate", "-q", "dist-upgrade");
  }

  /**
   * Upgrades {@code packages} where they are installed, keeping changed configuration files; waits up to 10 minutes
   * for unattended-upgrades, which runs in the same window, to release dpkg's lock.
   */
  static List<String> upgrade(List<String> packages) {
    List<String> command = new ArrayList<>(List.of("apt-get", "install", "--only-upgrade", "-y", "-q",
        "-o", "Dpkg::Options::=--force-confold", "-o", "DPkg::Lock::Timeout=600"));
    command.addAll(packages);
    return command;
  }

  /** Prints the installed version of {@code name}, like {@code 20.10.24+dfsg1-1+deb12u1}. */
  static List<String> installedVersion(String name) {
    return List.of("dpkg-query", "-W", "-f=${Version}", name);
  }

  /** Prints the version of the running dockerd, like {@code 20.10.24+dfsg1}. */
  static List<String> runningDockerVersion() {
    return List.of("docker", "version", "--format", "{{.Server.Version}}");
  }

  /** Prints when {@code expression} next elapses after {@code base} ("Next elapse: ...", "(in UTC): ..."). */
  static List<String> nextElapse(String expression, Instant base) {
    return List.of("systemd-analyze", "calendar", "--iterations=1", "--base-time=@" + base.getEpochSecond(), expression);
  }
}
