package dev.appliance.access;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig.UserConfig;
import dev.appliance.host.HostRoot;
import dev.appliance.steps.Step;
import dev.appliance.steps.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The operators' accounts as {@code appliance/users} says, at every prepare-appliance: the group
 * {@code appliance-operators}; each present user an account with a locked password, the env's keys and its sudo
 * rule; each absent user locked out, keys and rule removed, home kept. On a test root the plan is logged only.
 */
public final class OperatorAccounts implements Step {

  private final List<UserConfig> users;

  private OperatorAccounts(List<UserConfig> users) {
    this.users = List.copyOf(users);
  }

  /**
   * The step for {@code users}, once none of them names an account that the appliance did not make (such as the
   * image's default user), which it never changes.
   *
   * @throws Cli.BadInputException naming the env key of the first such user
   */
  public static OperatorAccounts checked(HostRoot root, List<UserConfig> users) throws IOException {
    HostAccounts accounts = new HostAccounts(root);
    for (int i = 0; i < users.size(); i++) {
      String name = users.get(i).name();
      if (accounts.account(name).isPresent() && !Files.exists(new OperatorFiles(root, name).marker())) {
        throw new Cli.BadInputException("appliance/users/" + i + "/name: the account '" + name + "' exists on this"
            + " machine but the appliance did not make it (like the image's default user), and it changes only its"
            + " own accounts; fix: choose another name in appliance/users/" + i + "/name of env.yml, or remove"
            + " that entry");
      }
    }
    return new OperatorAccounts(users);
  }

  @Override
  public String name() {
    return "operator accounts";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    return new AccountPlan(context.root()).of(users).isEmpty()
        ? Optional.of("as appliance/users says (" + users.size() + " user(s))") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    List<AccountChange> plan = new AccountPlan(context.root()).of(users);
    for (AccountChange change : plan) {
      if (context.root().isSystem()) {
        context.log().accept(change.what());
        change.action().apply(context);
      } else {
        context.log().accept("planned, not applied (" + context.root().dir() + " is not the machine's own root): "
            + change.what());
      }
    }
  }
}
