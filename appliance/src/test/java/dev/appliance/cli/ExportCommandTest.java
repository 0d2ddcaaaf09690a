package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  static final Path ENV = Path.of("src/test/resources/export/env.yml").toAbsolutePath();

  @TempDir
  Path root;

  private ApplianceCli cli(Path stack) {
    return new ApplianceCli(root, stack, 80, 443);
  }

  @Test
  void aDirectoryWithOtherFilesIsRefusedAndKept() throws Exception {
    Path dir = Files.createDirectories(root.resolve("elsewhere"));
    Files.writeString(dir.resolve("notes.txt"), "mine");

    ApplianceCli.Result result = cli(TestEnvs.STACK).run("export", "--swarm", dir.toString(), "--env", ENV.toString());

    assertEquals(2, result.code(), result.toString());
    assertTrue(result.err().contains("holds files that are no export's"), result.err());
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void anEarlierExportIsReplacedWholeAndNothingIsLeftBeside() throws Exception {
    Path dir = root.resolve("swarm");
    ApplianceCli.ok(cli(TestEnvs.STACK).run("export", "--swarm", dir.toString(), "--env", ENV.toString()));
    Files.writeString(dir.resolve("secrets/OLD_SECRET"), "from an earlier env");

    ApplianceCli.Result again = cli(TestEnvs.STACK).run("export", "--swarm", dir.toString(), "--env", ENV.toString());

    assertEquals(0, again.code(), again.toString());
    assertFalse(Files.exists(dir.resolve("secrets/OLD_SECRET")), "a file the new export has not is gone");
    assertTrue(Files.isRegularFile(dir.resolve("deploy.sh")));
    assertFalse(Files.exists(root.resolve("swarm.new")));
  }

  @Test
  void aPlaceThatCannotHoldTheExportIsBadInput() throws Exception {
    Path file = Files.writeString(root.resolve("file"), "x");

    ApplianceCli.Result under = cli(TestEnvs.STACK).run("export", "--swarm", file.resolve("x").toString(), "--env",
        ENV.toString());
    ApplianceCli.Result relative = cli(TestEnvs.STACK).run("export", "--swarm", root.resolve("s").toString(),
        "--node-root", "srv/appliance", "--env", ENV.toString());

    assertEquals(2, under.code(), under.toString());
    assertTrue(under.err().contains(file + " is not a directory"), under.err());
    assertEquals(2, relative.code(), relative.toString());
    assertTrue(relative.err().contains("--node-root srv/appliance is a path on the data node"), relative.err());
    assertFalse(Files.exists(root.resolve("s")));
  }

  @Test
  void oneTargetAtATime() {
    ApplianceCli.Result result = cli(TestEnvs.STACK).run("export", "--swarm", root.resolve("a").toString(),
        "--kubernetes", root.resolve("b").toString(), "--env", ENV.toString());

    assertEquals(2, result.code(), result.toString());
    assertFalse(Files.exists(root.resolve("a")));
    assertFalse(Files.exists(root.resolve("b")));
  }

  @Test
  void aStackThatCannotBeExpressedWritesNothingAndSaysWhere() throws Exception {
    Path stack = TestEnvs.stack(root.resolve("stack"), "exported", "    mem_limit: 128m\n",
        "    mem_limit: 128m\n    ports: [\"127.0.0.1:6379:6379\"]\n");
    for (String target : new String[] {"--swarm", "--kubernetes"}) {
      Path dir = root.resolve("out" + target);

      ApplianceCli.Result result = cli(stack).run("export", target, dir.toString(), "--env", ENV.toString());

      assertEquals(2, result.code(), result.toString());
      assertTrue(result.err().contains(stack + ":"), result.err());
      assertTrue(result.err().contains("services/redis/ports/0: publishes a port"), result.err());
      assertFalse(Files.exists(dir), "nothing written for " + target);
    }
  }

  @Test
  void withoutAnActiveEnvItSaysHowToGetOne() throws Exception {
    ApplianceCli.Result result = cli(TestEnvs.STACK).run("export", "--kubernetes", root.resolve("k").toString());

    assertEquals(2, result.code(), result.toString());
    assertTrue(result.err().contains("there is no active env"), result.err());
  }
}
