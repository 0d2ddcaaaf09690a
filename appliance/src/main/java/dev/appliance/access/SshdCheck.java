package dev.appliance.access;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Whether sshd accepts a candidate policy, before it replaces the current one: {@code sshd -t} on a scratch main
 * configuration that reads the candidate first, then the system's own configuration (as sshd will once it is
 * installed, the first value read winning).
 */
final class SshdCheck {

  static final String SYSTEM_CONFIG = "/etc/ssh/sshd_config";

  private final ProcessRunner processes;
  private final String systemConfig;

  /** @param systemConfig the main configuration the candidate joins, {@link #SYSTEM_CONFIG} on a machine */
  SshdCheck(ProcessRunner processes, String systemConfig) {
    this.processes = processes;
    this.systemConfig = systemConfig;
  }

  /**
   * @return what sshd would run with, candidate included
   * @throws IOException with sshd's message when it refuses the candidate
   */
  SshdSettings check(HostRoot root, String candidate) throws IOException {
    if (root.isSystem()) {
      // sshd -t and -T refuse to run without it, and only ssh.service makes it: not yet at the first boot, never
      // before the first connection where ssh.socket starts sshd.
      root.files().createDirectories(root.resolve("/run/sshd"));
    }
    Path scratch = root.files().temporaryDirectory("sshd");
    try {
      Path policy = scratch.resolve("10-appliance.conf");
      Path main = scratch.resolve("sshd_config");
      root.files().write(policy, "rw-------", candidate);
      root.files().write(main, "rw-------", "Include " + policy + "\nInclude " + systemConfig + "\n");
      try {
        processes.run(SshdCommands.test(main.toString()), Duration.ofSeconds(30));
      } catch (ProcessRunner.ProcessException e) {
        throw new IOException("sshd refuses the SSH policy for " + SshPolicy.PATH + " (the current file stays): "
            + e.getMessage(), e);
      }
      return SshdSettings.parse(processes.run(SshdCommands.effective(main.toString()), Duration.ofSeconds(30)).stdout());
    } finally {
      root.files().deleteTree(scratch);
    }
  }
}
