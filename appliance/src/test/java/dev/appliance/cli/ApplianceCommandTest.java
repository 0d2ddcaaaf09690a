package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
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
}
