package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplianceCommandTest {

  @Test
  void helpVersionAndMissingSubcommand() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertEquals(0, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), "--help"));
    assertTrue(out.toString().contains("Usage: appliance"), out.toString());
    assertEquals(0, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), "--version"));
    assertTrue(out.toString().contains("appliance 0."), out.toString());
    assertEquals(2, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err)));
    assertEquals(2, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), "--no-such-option"));
  }

  @Test
  void everySubcommandOfTheUnitsAnswersHelp() {
    for (String command : List.of("prepare-env", "prepare-appliance", "prepare-app", "run", "up", "stop", "cleanup",
        "failed", "clear-failed", "maintenance", "status", "images")) {
      StringWriter out = new StringWriter();
      assertEquals(0, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(new StringWriter()), command, "--help"),
          command);
      assertTrue(out.toString().contains("Usage: appliance " + command), out.toString());
    }
  }

  @Test
  void maintenanceTakesOnOrOff(@TempDir Path root) {
    StringWriter err = new StringWriter();
    assertEquals(2, Cli.run(new ApplianceCommand(), new PrintWriter(new StringWriter()), new PrintWriter(err),
        "--root", root.toString(), "maintenance", "sideways"));
    assertTrue(err.toString().contains("neither on nor off"), err.toString());
  }

  @Test
  void badGlobalOptionsAreRefusedFirstNamingTheOption(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-root"), "");
    for (String[] bad : new String[][] {
        {"--root " + file + ": not a directory", "--root", file.toString(), "cleanup"},
        {"--root " + file + ": not a directory", "--root", file.toString(), "status"},
        {"--root " + dir.resolve("typo") + ": no such directory", "--root", dir.resolve("typo").toString(), "cleanup"},
        {"--http-port 0: not a TCP port", "--root", dir.toString(), "--http-port", "0", "status"},
        {"--https-port -1: not a TCP port", "--root", dir.toString(), "--https-port", "-1", "stack", "check"},
        {"--https-port 65536: not a TCP port", "--root", dir.toString(), "--https-port", "65536", "run"},
        {"--min-free -5: give a number of MiB", "--root", dir.toString(), "--min-free", "-5", "prepare-appliance"},
        {"--heartbeat-every 0: give a number of seconds, 1 or more", "--root", dir.toString(), "run",
            "--heartbeat-every", "0"},
        {"--http-port and --https-port are both 8443", "--root", dir.toString(), "--http-port", "8443", "--https-port",
            "8443", "prepare-appliance"}}) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      String[] args = java.util.Arrays.copyOfRange(bad, 1, bad.length);
      assertEquals(2, Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), args), String.join(" ", args));
      assertTrue(err.toString().contains(bad[0]), String.join(" ", args) + ": " + err);
      assertFalse(err.toString().contains("stack.yml"), "not blamed on the stack: " + err);
      assertEquals("", out.toString(), "no subcommand ran");
    }
    try (var left = Files.list(dir)) {
      assertEquals(List.of(file), left.toList(), "nothing was written");
    }
  }
}
