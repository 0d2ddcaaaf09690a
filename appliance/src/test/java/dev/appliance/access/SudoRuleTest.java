package dev.appliance.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.host.Ownership;
import dev.appliance.support.RecordedOwners;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sudo rules, checked by the real visudo as prepare-appliance checks them, and what the limited one allows. */
class SudoRuleTest {

  @TempDir
  Path dir;

  private Path install(String name, String text) throws IOException {
    HostRoot root = new HostRoot(dir, new RecordedOwners());
    new OperatorFiles(root, name).installSudoRule(new ProcessRunner(), text);
    return root.resolve(SudoRule.path(name));
  }

  @Test
  void bothRulesPassVisudoAndAreInstalledReadOnly() throws Exception {
    for (boolean full : List.of(true, false)) {
      Path rule = install("alice", SudoRule.text("alice", full));
      assertEquals(SudoRule.text("alice", full), Files.readString(rule));
      assertTrue(Ownership.hasMode(rule, "r--r-----"));
    }
    assertTrue(SudoRule.text("alice", true).contains("\nalice ALL=(ALL:ALL) NOPASSWD: ALL\n"));
  }

  @Test
  void aRuleVisudoRefusesIsNotInstalled() {
    IOException refused = assertThrows(IOException.class, () -> install("bob", "bob ALL=(root NOPASSWD: ALL\n"));
    assertTrue(refused.getMessage().contains("syntax error"), refused.getMessage());
    assertFalse(Files.exists(dir.resolve("etc/sudoers.d/appliance-bob")));
  }

  @Test
  void theLimitedRuleNamesOnlyTheAppliancesCommandsAndItsJournalWithoutExec() {
    String rule = SudoRule.text("carol", false);
    List<String> lines = rule.lines().filter(l -> !l.startsWith("#")).toList();
    assertEquals(List.of("carol ALL=(root) NOPASSWD: /usr/local/bin/appliance status, /usr/local/bin/appliance status"
        + " --json, /usr/local/bin/appliance maintenance on, /usr/local/bin/appliance maintenance on *,"
        + " /usr/local/bin/appliance maintenance off, /usr/local/bin/appliance clear-failed"), lines.subList(0, 1));
    assertTrue(lines.get(1).startsWith("carol ALL=(root) NOPASSWD:NOEXEC: /usr/bin/journalctl ^"), lines.get(1));
    assertFalse(rule.matches("(?s).*(NOPASSWD: ALL|bash|docker|/bin/sh|sudoedit).*"), rule);
  }

  /** The journal's arguments as sudo matches them (an extended regular expression, like Java's for these). */
  @Test
  void journalctlGetsTheAppliancesUnitsAndViewingOptionsOnly() {
    String line = SudoRule.text("carol", false).lines().filter(l -> l.contains("journalctl")).findFirst().orElseThrow();
    Pattern arguments = Pattern.compile(line.substring(line.indexOf(" ^") + 1));
    for (String allowed : List.of("-u appliance", "-u appliance.service -f", "-u prepare-app -n 200 --no-pager",
        "-u appliance-failed@appliance.service -b -e", "-u appliance -u prepare-appliance -xe")) {
      assertTrue(arguments.matcher(allowed).matches(), allowed);
    }
    for (String refused : List.of("", "-u ssh", "-u appliance --file=/etc/shadow", "-u appliance -o verbose",
        "-u 'appliance*'", "-u appliance -D /root", "--unit=sshd", "-u appliance ; bash", "-u sshd.service -u appliance",
        "-n 100000", "-f", "-b --no-pager", "-xe", "-n 5 -u appliance")) {
      assertFalse(arguments.matcher(refused).matches(), refused);
    }
  }
}
