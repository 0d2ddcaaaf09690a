package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

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
}
