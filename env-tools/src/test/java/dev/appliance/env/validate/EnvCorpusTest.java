package dev.appliance.env.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import dev.appliance.env.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The env corpus: every file under env/invalid must give exactly the lines of its .expected file (FILE standing for
 * its path) and exit 2; every file under env/warning must give the warnings of its .expected file, then "ok", and exit
 * 0; every file under env/valid must give "ok" alone. Secrets in the corpus contain "SeCrEt", which no
 * output may show.
 */
class EnvCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/env");
  private static final String SECRET_MARKER = "SeCrEt";

  @TestFactory
  Stream<DynamicTest> everyInvalidEnvIsRejectedWithItsExactProblems() throws IOException {
    return files("invalid").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      CliRun run = CliRun.envCheck(file.toString());
      assertEquals(expected(file), run.out(), "problems reported for " + file);
      assertEquals(2, run.code(), "exit code for " + file);
      assertFalse(run.all().contains(SECRET_MARKER), "a secret was printed for " + file + ":\n" + run.all());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyEnvWithWarningsPassesAfterThem() throws IOException {
    return files("warning").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      CliRun run = CliRun.envCheck(file.toString());
      assertEquals(expected(file) + "ok\n", run.out(), "warnings reported for " + file);
      assertEquals(0, run.code(), "exit code for " + file);
      assertFalse(run.all().contains(SECRET_MARKER), "a secret was printed for " + file + ":\n" + run.all());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyValidEnvPasses() throws IOException {
    return files("valid").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      CliRun run = CliRun.envCheck(file.toString());
      assertEquals("ok\n", run.out(), run.all());
      assertEquals(0, run.code());
    }));
  }

  @Test
  void theCorpusCoversAtLeastFiftyInvalidFiles() throws IOException {
    assertTrue(files("invalid").count() >= 50);
  }

  @Test
  void aHugeFileIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
    Path huge = dir.resolve("huge.yml");
    String line = "# " + "x".repeat(1000) + "\n";
    Files.writeString(huge, "#cloud-config\n" + line.repeat(1100));
    CliRun run = CliRun.envCheck(huge.toString());
    assertEquals(huge + ":1:1: the file is " + Files.size(huge) + " bytes, more than the limit of " + YamlReader.MAX_BYTES
        + " bytes; fix: keep large data out of the env; reference it instead\n", run.out());
    assertEquals(2, run.code());
  }

  /** The lines of the file's .expected, with FILE standing for its path. */
  private static String expected(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.yml$", "");
    return Files.readString(file.resolveSibling(name + ".expected")).replace("FILE:", file + ":");
  }

  private static Stream<Path> files(String kind) throws IOException {
    try (Stream<Path> list = Files.list(CORPUS.resolve(kind))) {
      List<Path> files = list.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
      return files.stream();
    }
  }
}
