package dev.appliance.access;

import dev.appliance.steps.Step;
import dev.appliance.steps.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The SSH policy in force: written when it differs (checked by {@code sshd -t} first, so a policy sshd refuses never
 * replaces the current one), sshd reloaded, and {@code sshd -T} compared with it; a difference fails the step. On a
 * test root it is logged only.
 */
public final class ApplySshPolicy implements Step {

  private final String systemConfig;

  public ApplySshPolicy() {
    this(SshdCheck.SYSTEM_CONFIG);
  }

  ApplySshPolicy(String systemConfig) {
    this.systemConfig = systemConfig;
  }

  @Override
  public String name() {
    return "ssh policy";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!context.root().isSystem()) {
      return Optional.empty();
    }
    SshPolicy policy = policy(context);
    Path file = context.root().resolve(SshPolicy.PATH);
    return Files.isRegularFile(file) && Files.readString(file).equals(policy.text()) && running(context).differences(
        policy).isEmpty() ? Optional.of("sshd runs with it") : Optional.empty();
  }

  private SshPolicy policy(StepContext context) throws IOException {
    Optional<String> group = DefaultUser.group(context.root());
    if (group.isEmpty()) {
      context.log().accept("ssh policy: no default user in /etc/cloud/cloud.cfg (system_info.default_user.name):"
          + " only " + AccountCommands.OPERATORS + " may log in");
    }
    return SshPolicy.of(group);
  }

  @Override
  public void apply(StepContext context) throws Exception {
    SshPolicy policy = policy(context);
    if (!context.root().isSystem()) {
      context.log().accept("planned, not applied (" + context.root().dir() + " is not the machine's own root): "
          + SshPolicy.PATH + " with " + String.join("; ", policy.text().lines().skip(1).toList())
          + ", checked by sshd -t, then ssh reloaded and checked with sshd -T");
      return;
    }
    new SshdCheck(context.processes(), systemConfig).check(context.root(), policy.text());
    context.root().files().write(context.root().resolve(SshPolicy.PATH), "rw-r--r--", policy.text());
    context.log().accept("reloading ssh for " + SshPolicy.PATH);
    context.processes().run(SshdCommands.reload(), Duration.ofSeconds(30));
    running(context).require(policy);
  }

  private static SshdSettings running(StepContext context) throws IOException {
    return SshdSettings.parse(context.processes().run(SshdCommands.effective(), Duration.ofSeconds(30)).stdout());
  }
}
