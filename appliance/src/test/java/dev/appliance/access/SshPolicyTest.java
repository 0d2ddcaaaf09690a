package dev.appliance.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.RecordedOwners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH policy checked by the real sshd ({@code sshd -t} and {@code -T} on a scratch configuration with a host key
 * of the test's own), the verification of what sshd runs with, and the default user from cloud-init's config.
 */
class SshPolicyTest {

  /** As root, sshd -t wants /run/sshd: in a user namespace of its own it is not root and checks the files alone. */
  static final class Sshd extends ProcessRunner {
    @Override
    public Output run(List<String> command, Duration timeout) throws ProcessException {
      List<String> line = new ArrayList<>(command);
      if (command.get(0).equals("sshd") && System.getProperty("user.name").equals("root")) {
        line.addAll(0, List.of("unshare", "--user"));
      }
      return super.run(line, timeout);
    }
  }

  @TempDir
  Path dir;

  private HostRoot root;
  private Path system;

  /** A system configuration like Debian's: its drop-ins first, PAM, and a host key (made here). */
  @BeforeEach
  void sshd() throws Exception {
    root = new HostRoot(dir.resolve("root"), new RecordedOwners());
    Path etc = Files.createDirectories(dir.resolve("ssh"));
    new ProcessRunner().run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", etc.resolve("host").toString()),
        Duration.ofSeconds(30));
    Files.createDirectories(etc.resolve("sshd_config.d"));
    Files.writeString(etc.resolve("sshd_config.d/50-cloud-init.conf"), "PasswordAuthentication yes\n");
    system = Files.writeString(etc.resolve("sshd_config"), "Include " + etc + "/sshd_config.d/*.conf\nHostKey " + etc
        + "/host\nUsePAM yes\nMaxAuthTries 6\nX11Forwarding yes\nPermitRootLogin prohibit-password\n");
  }

  @Test
  void sshdAcceptsThePolicyAndRunsWithItAheadOfTheSystemsOwnSettings() throws Exception {
    SshPolicy policy = SshPolicy.of(Optional.of("debian"));
    SshdSettings settings = new SshdCheck(new Sshd(), system.toString()).check(root, policy.text());
    assertEquals(List.of(), settings.differences(policy), settings.values().toString());
    assertEquals(List.of("appliance-operators", "debian"), settings.values().get("allowgroups"));
  }

  @Test
  void aPolicySshdRefusesFailsWithSshdsMessage() throws Exception {
    IOException refused = assertThrows(IOException.class, () -> new SshdCheck(new Sshd(), system.toString())
        .check(root, SshPolicy.of(Optional.empty()).text().replace("MaxAuthTries 3", "MaxAuthTries three")));
    assertTrue(refused.getMessage().startsWith("sshd refuses the SSH policy for /etc/ssh/sshd_config.d/10-appliance.conf"
        + " (the current file stays): '"), refused.getMessage());
    assertTrue(refused.getMessage().contains("10-appliance.conf line 7: MaxAuthTries integer value invalid"),
        refused.getMessage());
  }

  @Test
  void whatSshdRunsWithIsComparedKeyByKey() {
    SshPolicy policy = SshPolicy.of(Optional.of("debian"));
    String running = """
        port 22
        permitrootlogin no
        maxauthtries 6
        passwordauthentication no
        kbdinteractiveauthentication no
        permitemptypasswords no
        x11forwarding no
        allowgroups appliance-operators
        authenticationmethods publickey
        authorizedkeysfile /etc/ssh/authorized_keys/%u .ssh/authorized_keys
        """;
    assertEquals(List.of("maxauthtries is 6, the policy says 3",
        "allowgroups is appliance-operators, the policy says appliance-operators debian"),
        SshdSettings.parse(running).differences(policy));
    assertEquals(List.of("permitrootlogin is not set, the policy says no"), SshdSettings.parse(running
        .replace("permitrootlogin no\n", "").replace("maxauthtries 6", "maxauthtries 3")
        .replace("allowgroups appliance-operators\n", "allowgroups appliance-operators\nallowgroups debian\n"))
        .differences(policy));
    IOException failed = assertThrows(IOException.class, () -> SshdSettings.parse(running).require(policy));
    assertEquals("sshd does not run with the SSH policy of /etc/ssh/sshd_config.d/10-appliance.conf: maxauthtries is 6,"
        + " the policy says 3; allowgroups is appliance-operators, the policy says appliance-operators debian; find what"
        + " sets them otherwise: grep -ri KEY /etc/ssh/sshd_config /etc/ssh/sshd_config.d, and see what sshd runs"
        + " with: sshd -T", failed.getMessage());
  }

  @Test
  void theDefaultUserComesFromCloudInitsConfigAndItsGroupFromTheHost() throws Exception {
    assertEquals(Optional.empty(), DefaultUser.group(root));
    Path cloud = root.resolve("/etc/cloud/cloud.cfg");
    Files.createDirectories(cloud.getParent());
    Files.writeString(cloud, "users:\n  - default\nsystem_info:\n  distro: debian\n  default_user:\n    name: debian\n"
        + "    lock_passwd: True\n    groups: [adm, audio, sudo]\n    shell: /bin/bash\n");
    assertEquals(Optional.of("debian"), DefaultUser.group(root), "no account yet: cloud-init names its group after it");
    Files.writeString(root.resolve("/etc/passwd"), "debian:x:1000:1000::/home/debian:/bin/bash\n");
    Files.writeString(root.resolve("/etc/group"), "users:x:1000:\n");
    assertEquals(Optional.of("users"), DefaultUser.group(root));
  }

  @Test
  void onATestRootThePolicyIsLoggedAndNothingRuns() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir.resolve("fake"));
    ApplySshPolicy step = new ApplySshPolicy();
    try (Installation installation = appliance.installation()) {
      assertTrue(step.satisfied(installation).isEmpty());
      step.apply(installation);
    }
    assertEquals(List.of(), appliance.processes.commands());
    assertTrue(appliance.log.contains("ssh policy: no default user in /etc/cloud/cloud.cfg"
        + " (system_info.default_user.name): only appliance-operators may log in"), appliance.log.toString());
    assertTrue(appliance.log.stream().anyMatch(l -> l.contains("/etc/ssh/sshd_config.d/10-appliance.conf with"
        + " PermitRootLogin no; PasswordAuthentication no;") && l.contains("AllowGroups appliance-operators,")),
        appliance.log.toString());
    assertTrue(Files.notExists(appliance.root.resolve(SshPolicy.PATH)));
  }
}
