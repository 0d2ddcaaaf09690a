package dev.appliance.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig.UserConfig;
import dev.appliance.host.Ownership;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts' plan from a host's passwd, group and shadow files in a test root, and its changes carried out
 * there: the commands recorded (nothing runs useradd here), the files written under the root.
 */
class AccountPlanTest {

  private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ0nXsMhCqm6Xn2mY0b5p4n8Yb7d8mU1J1k2cEa9s7lq alice@laptop";

  @TempDir
  Path dir;

  private FakeAppliance appliance;

  @BeforeEach
  void host() throws Exception {
    appliance = FakeAppliance.ofProjectStack(dir);
    write("/etc/passwd", "root:x:0:0:root:/root:/bin/bash\ndebian:x:1000:1000::/home/debian:/bin/bash\n"
        + "carol:x:1001:1001::/home/carol:/bin/bash\ndave:x:1002:1002::/home/dave:/bin/bash\n");
    write("/etc/group", "root:x:0:\ndebian:x:1000:\ncarol:x:1001:\ndave:x:1002:\n");
    write("/etc/shadow", "root:*:20000:0:99999:7:::\ndebian:!:20000:0:99999:7:::\ncarol:!:20000:0:99999:7:::\n"
        + "dave:!:20000:0:99999:7:::\n");
  }

  private void write(String file, String text) throws Exception {
    Path path = appliance.root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private List<String> plan(UserConfig... users) throws Exception {
    return new AccountPlan(appliance.root).of(List.of(users)).stream().map(AccountChange::what).toList();
  }

  private void carryOut(UserConfig... users) throws Exception {
    try (Installation installation = appliance.installation()) {
      for (AccountChange change : new AccountPlan(appliance.root).of(List.of(users))) {
        change.action().apply(installation);
      }
    }
  }

  @Test
  void aNewUserIsMarkedCreatedLockedGivenItsKeysAndRuleAndThePlanThenConverges() throws Exception {
    UserConfig alice = new UserConfig("alice", List.of(KEY), false, true);
    assertEquals(List.of("create the group appliance-operators", "mark alice as made by the appliance",
        "create the account alice (member of appliance-operators)", "lock the password of alice (keys only)",
        "write 1 key(s) of alice to /etc/ssh/authorized_keys/alice", "install /etc/sudoers.d/appliance-alice (the appliance's"
            + " status and recovery commands, its journal), checked by visudo"), plan(alice));

    List<AccountChange> changes = new AccountPlan(appliance.root).of(List.of(alice));
    try (Installation installation = appliance.installation()) {
      for (AccountChange change : changes.subList(0, 4)) {
        change.action().apply(installation);
      }
    }
    assertEquals(List.of(List.of("groupadd", "--system", "appliance-operators"),
        List.of("useradd", "--create-home", "--shell", "/bin/bash", "--user-group", "--groups", "appliance-operators",
            "alice"), List.of("usermod", "--lock", "alice")), appliance.processes.commands());
    assertTrue(Files.exists(appliance.root.resolve("/var/lib/appliance/operators/alice")));

    // What groupadd, useradd and usermod would have done:
    write("/etc/group", "appliance-operators:x:999:alice\nalice:x:1003:\n");
    write("/etc/passwd", "alice:x:1003:1003::/home/alice:/bin/bash\n");
    write("/etc/shadow", "alice:!:20000:0:99999:7:::\n");
    appliance.processes.clear();
    try (Installation installation = appliance.installation()) {
      changes.get(4).action().apply(installation);
      changes.get(5).action().apply(installation);
    }
    Path keys = appliance.root.resolve("/etc/ssh/authorized_keys/alice");
    assertEquals("# From appliance/users in env.yml, written by prepare-appliance.\n" + KEY + "\n", Files.readString(keys));
    assertEquals("0:0", appliance.owners.of(keys), "root's file: the operator cannot redirect root's write");
    assertTrue(Ownership.hasMode(keys, "rw-r--r--"));
    assertFalse(Files.exists(appliance.root.resolve("/home/alice/.ssh")), "nothing written where alice has a say");
    assertEquals(SudoRule.text("alice", false),
        Files.readString(appliance.root.resolve("/etc/sudoers.d/appliance-alice")));
    assertEquals(1, appliance.processes.commands().size());
    assertEquals(List.of("visudo", "--check", "--file"), appliance.processes.commands().get(0).subList(0, 3));

    assertEquals(List.of(), plan(alice), "nothing left to do");
  }

  @Test
  void aKnownUserGetsOnlyWhatChangedAndAnEarlierExpiryTakenBack() throws Exception {
    write("/var/lib/appliance/operators/carol", "");
    write("/etc/group", "appliance-operators:x:999:carol\n");
    UserConfig carol = new UserConfig("carol", List.of(KEY), false, true);
    carryOut(carol);
    assertEquals(List.of(), plan(carol));

    UserConfig withSudo = new UserConfig("carol", List.of(KEY, KEY.replace("alice", "carol")), true, true);
    assertEquals(List.of("write 2 key(s) of carol to /etc/ssh/authorized_keys/carol", "install /etc/sudoers.d/appliance-carol"
        + " (any command), checked by visudo"), plan(withSudo));

    Path shadow = appliance.root.resolve("/etc/shadow");
    Files.writeString(shadow, Files.readString(shadow).replace("carol:!:20000:0:99999:7:::", "carol:!:20000:0:99999:7::1:"));
    assertEquals(List.of("let carol log in again (state: present)"), plan(carol));
  }

  @Test
  void anAbsentUserIsLockedOutItsKeysAndRuleRemovedItsHomeKept() throws Exception {
    write("/var/lib/appliance/operators/dave", "");
    write("/etc/group", "appliance-operators:x:999:dave\n");
    carryOut(new UserConfig("dave", List.of(KEY), true, true));
    write("/home/dave/notes.txt", "kept");
    appliance.processes.clear();

    UserConfig gone = new UserConfig("dave", List.of(KEY), true, false);
    assertEquals(List.of("lock dave out (state: absent; its home is kept)", "remove /etc/ssh/authorized_keys/dave",
        "remove /etc/sudoers.d/appliance-dave"), plan(gone));
    carryOut(gone);
    assertEquals(List.of(List.of("usermod", "--lock", "--expiredate", "1", "dave")), appliance.processes.commands());
    assertFalse(Files.exists(appliance.root.resolve("/etc/ssh/authorized_keys/dave")));
    assertFalse(Files.exists(appliance.root.resolve("/etc/sudoers.d/appliance-dave")));
    assertTrue(Files.exists(appliance.root.resolve("/home/dave/notes.txt")));
  }

  @Test
  void anOperatorTheEnvNoLongerNamesIsLockedOutAndUsersItNeverNamedAreNotLookedAt() throws Exception {
    write("/var/lib/appliance/operators/carol", "");
    write("/etc/group", "appliance-operators:x:999:carol\n");
    carryOut(new UserConfig("carol", List.of(KEY), true, true));
    appliance.processes.clear();
    assertEquals(List.of("lock carol out (state: absent; its home is kept)", "remove /etc/ssh/authorized_keys/carol",
        "remove /etc/sudoers.d/appliance-carol"), plan(), "carol, made by the appliance, is gone from the env");
    assertEquals(List.of("lock carol out (state: absent; its home is kept)", "remove /etc/ssh/authorized_keys/carol",
        "remove /etc/sudoers.d/appliance-carol"), plan(new UserConfig("erin", List.of(), false, false)),
        "erin, absent and never made: nothing for her");
  }

  @Test
  void anAccountTheApplianceDidNotMakeIsRefusedNamingTheEnvKey() throws Exception {
    List<UserConfig> users = List.of(new UserConfig("alice", List.of(KEY), false, true),
        new UserConfig("debian", List.of(KEY), true, true));
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class,
        () -> OperatorAccounts.checked(appliance.root, users));
    assertTrue(refused.getMessage().startsWith("appliance/users/1/name: the account 'debian' exists on this machine but"
        + " the appliance did not make it"), refused.getMessage());
    assertThrows(Cli.BadInputException.class, () -> OperatorAccounts.checked(appliance.root,
        List.of(new UserConfig("debian", List.of(), false, false))), "nor locked out");

    write("/var/lib/appliance/operators/carol", "");
    OperatorAccounts.checked(appliance.root, List.of(new UserConfig("carol", List.of(KEY), false, true)));
  }

  @Test
  void onATestRootTheStepLogsItsPlanAndChangesNothing() throws Exception {
    OperatorAccounts step = OperatorAccounts.checked(appliance.root,
        List.of(new UserConfig("alice", List.of(KEY), true, true)));
    try (Installation installation = appliance.installation()) {
      assertTrue(step.satisfied(installation).isEmpty());
      step.apply(installation);
    }
    assertEquals(List.of(), appliance.processes.commands());
    assertFalse(Files.exists(appliance.root.resolve("/var/lib/appliance/operators/alice")));
    assertTrue(appliance.log.contains("planned, not applied (" + appliance.root.dir() + " is not the machine's own root):"
        + " create the account alice (member of appliance-operators)"), appliance.log.toString());
  }
}
