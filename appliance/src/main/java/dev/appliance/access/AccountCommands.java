package dev.appliance.access;

import java.util.List;

/** The command lines that change the host's accounts, and the check of a sudo rule. */
final class AccountCommands {

  /** The group of every account the appliance made; sshd's AllowGroups names it. */
  static final String OPERATORS = "appliance-operators";

  private AccountCommands() {}

  static List<String> addOperatorsGroup() {
    return List.of("groupadd", "--system", OPERATORS);
  }

  /** A new account with a home, bash, its own group and the operators' group; no password is ever set. */
  static List<String> addUser(String name) {
    return List.of("useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "--groups", OPERATORS, name);
  }

  static List<String> joinOperators(String name) {
    return List.of("usermod", "--append", "--groups", OPERATORS, name);
  }

  /** No password login ever; keys still work (sshd with PAM accepts a key for a locked password). */
  static List<String> lockPassword(String name) {
    return List.of("usermod", "--lock", name);
  }

  /** The account expired as well: sshd refuses its keys too. */
  static List<String> lockOut(String name) {
    return List.of("usermod", "--lock", "--expiredate", "1", name);
  }

  /** Takes back an expiry from an earlier {@code state: absent}. */
  static List<String> unexpire(String name) {
    return List.of("usermod", "--expiredate", "", name);
  }

  /** Checks a sudoers file without installing it. */
  static List<String> checkSudoers(String file) {
    return List.of("visudo", "--check", "--file", file);
  }
}
