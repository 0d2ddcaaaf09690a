package dev.appliance.access;

import dev.appliance.env.model.EnvConfig.UserConfig;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the host's accounts lack to be as {@code appliance/users} says, from what the host has now: an empty plan
 * means nothing to do. Only accounts with the appliance's marker are changed: one the env no longer names is
 * locked out like an absent one (removing an operator from the env must end their access); users the env never
 * named are not looked at.
 */
final class AccountPlan {

  private final HostRoot root;
  private final HostAccounts accounts;

  AccountPlan(HostRoot root) {
    this.root = root;
    this.accounts = new HostAccounts(root);
  }

  List<AccountChange> of(List<UserConfig> users) throws IOException {
    List<AccountChange> plan = new ArrayList<>();
    if (!accounts.groupExists(AccountCommands.OPERATORS)) {
      plan.add(AccountChange.run("create the group " + AccountCommands.OPERATORS, AccountCommands.addOperatorsGroup()));
    }
    for (UserConfig user : users) {
      if (user.present()) {
        present(user, plan);
      } else {
        absent(user.name(), plan);
      }
    }
    List<String> named = users.stream().map(UserConfig::name).toList();
    for (String made : OperatorFiles.marked(root)) {
      if (!named.contains(made)) {
        absent(made, plan);
      }
    }
    return plan;
  }

  private void present(UserConfig user, List<AccountChange> plan) throws IOException {
    String name = user.name();
    OperatorFiles files = new OperatorFiles(root, name);
    Optional<HostAccounts.Account> account = accounts.account(name);
    if (account.isEmpty()) {
      plan.add(new AccountChange("mark " + name + " as made by the appliance", c -> files.markAsOurs()));
      plan.add(AccountChange.run("create the account " + name + " (member of " + AccountCommands.OPERATORS + ")",
          AccountCommands.addUser(name)));
      plan.add(AccountChange.run("lock the password of " + name + " (keys only)", AccountCommands.lockPassword(name)));
    } else {
      if (!accounts.member(AccountCommands.OPERATORS, name)) {
        plan.add(AccountChange.run("add " + name + " to " + AccountCommands.OPERATORS, AccountCommands.joinOperators(name)));
      }
      if (!accounts.passwordLocked(name)) {
        plan.add(AccountChange.run("lock the password of " + name + " (keys only)", AccountCommands.lockPassword(name)));
      }
      if (accounts.expires(name)) {
        plan.add(AccountChange.run("let " + name + " log in again (state: present)", AccountCommands.unexpire(name)));
      }
    }
    String keys = OperatorFiles.keysText(user.sshAuthorizedKeys());
    if (!files.keysCurrent(keys)) {
      plan.add(new AccountChange("write " + user.sshAuthorizedKeys().size() + " key(s) of " + name + " to "
          + OperatorFiles.KEYS + "/" + name, c -> files.writeKeys(keys)));
    }
    String rule = SudoRule.text(name, user.sudo());
    if (!Files.isRegularFile(files.sudoRule()) || !Files.readString(files.sudoRule()).equals(rule)) {
      plan.add(new AccountChange("install " + SudoRule.path(name) + " (" + (user.sudo() ? "any command"
          : "the appliance's status and recovery commands, its journal") + "), checked by visudo",
          c -> files.installSudoRule(c.processes(), rule)));
    }
  }

  private void absent(String name, List<AccountChange> plan) throws IOException {
    OperatorFiles files = new OperatorFiles(root, name);
    Optional<HostAccounts.Account> account = accounts.account(name);
    if (!Files.exists(files.marker()) || account.isEmpty()) {
      return;
    }
    if (!accounts.passwordLocked(name) || !accounts.expires(name)) {
      plan.add(AccountChange.run("lock " + name + " out (state: absent; its home is kept)", AccountCommands.lockOut(name)));
    }
    if (Files.exists(files.keys(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      plan.add(new AccountChange("remove " + OperatorFiles.KEYS + "/" + name, c -> root.files().delete(files.keys())));
    }
    if (Files.exists(files.sudoRule())) {
      plan.add(new AccountChange("remove " + SudoRule.path(name), c -> root.files().delete(files.sudoRule())));
    }
  }
}
