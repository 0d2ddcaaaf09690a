package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.ApplianceCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackCommandTest {

  private static final Path REFERENCE = Path.of("../containers/stack.yml");

  @TempDir
  Path root;

  private ApplianceCli cli(Path stack) {
    return new ApplianceCli(root, stack, 8080, 8443);
  }

  @Test
  void theReferenceStackIsOkWithoutAnEnv() {
    ApplianceCli.Result result = cli(REFERENCE).run("stack", "check");
    assertEquals(new ApplianceCli.Result(0, "ok\n", ""), result);
  }

  @Test
  void fileOverridesTheGlobalStack() {
    ApplianceCli.Result result = cli(root.resolve("absent.yml")).run("stack", "check", REFERENCE.toString());
    assertEquals(new ApplianceCli.Result(0, "ok\n", ""), result);
  }

  @Test
  void everyProblemIsPrintedWithItsPlaceAndTheExitCodeIsTwo() throws IOException {
    Path stack = Files.writeString(root.resolve("stack.yml"), """
        x-appliance:
          web: {service: web, port: 8080}
          directories:
            - {path: /data/wiki, owner: "33:33", mode: "4750"}
        services:
          web:
            image: example/web:1
            privileged: true
            volumes:
              - /data/wiki:/var/www/data
        """);
    ApplianceCli.Result result = cli(REFERENCE).run("stack", "check", stack.toString());
    assertEquals(2, result.code());
    assertEquals(stack + ":4:48: x-appliance/directories/0/mode: '4750' sets setuid, setgid or sticky bits, which the"
        + " appliance never sets; fix: write \"0750\"\n"
        + stack + ":8:5: services/web/privileged: 'privileged' is not supported by the appliance; fix: it gives the"
        + " container power over the host, which an appliance holding personal data must not allow; supported keys: image,"
        + " build, command, entrypoint, environment, env_file, volumes, ports, depends_on, healthcheck, restart, mem_limit,"
        + " cpus, user, read_only, tmpfs, init, labels\n", result.out());
    assertEquals("stack check: " + stack + " is not a stack the appliance can run (2 problems)\n", result.err());
  }

  @Test
  void aMissingFileIsBadInput() {
    Path absent = root.resolve("absent.yml");
    ApplianceCli.Result result = cli(absent).run("stack", "check");
    assertEquals(new ApplianceCli.Result(2, "", "check: cannot read the stack file " + absent + ": no such file\n"), result);
  }

  @Test
  void stackWithoutSubcommandShowsItsUsage() {
    ApplianceCli.Result result = cli(REFERENCE).run("stack");
    assertEquals(2, result.code());
    assertTrue(result.err().contains("Usage: appliance stack") && result.err().contains("check"), result.err());
  }
}
