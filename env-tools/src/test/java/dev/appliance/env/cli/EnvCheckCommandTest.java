package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvCheckCommandTest {

  @Test
  void helpAndVersionExitZero() {
    CliRun help = CliRun.envCheck("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Usage: env-check"), help.out());
    CliRun version = CliRun.envCheck("--version");
    assertEquals(0, version.code());
    assertTrue(version.out().startsWith("env-check " + VersionProvider.version()), version.out());
    assertTrue(!VersionProvider.version().equals("unknown"));
  }

  @Test
  void aMissingFileIsBadInput(@TempDir Path dir) {
    CliRun run = CliRun.envCheck(dir.resolve("nope.yml").toString());
    assertEquals(2, run.code());
    assertEquals("env-check: cannot read " + dir.resolve("nope.yml") + ": no such file\n", run.err());
  }

  @Test
  void unknownOptionsAndMissingArgumentsAreBadInput() {
    CliRun unknown = CliRun.envCheck("--frobnicate", "env.yml");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
    assertEquals(2, CliRun.envCheck().code());
  }
}
