package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** appliance ssh-logins reads the machine's own journal: on a test root it refuses, reading nothing. */
class SshLoginsCommandTest {

  @TempDir
  Path dir;

  @Test
  void aTestRootIsRefusedAsBadInput() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    ApplianceCli.Result result = new ApplianceCli(root, TestEnvs.STACK, 8080, 8443).run("ssh-logins", "--once");
    assertEquals(Cli.BAD_INPUT, result.code(), result.out() + result.err());
    assertTrue(result.err().contains("appliance ssh-logins reads this machine's journal, so it runs with --root / only"),
        result.err());
    assertTrue(Files.notExists(root.resolve("var/lib/appliance")), "nothing made under the root");
  }
}
