package dev.appliance.env.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.StackFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lists and sections nested thousands deep (which overflowed SnakeYAML's composer) are refused at the level that goes
 * beyond the limit, in flow style, block style and on one line, in envs, presets and stacks alike.
 */
class NestingDepthTest {

  private static final String TOO_DEEP = ": nesting deeper than 64 levels of lists and sections; fix: remove the extra"
      + " brackets, indentation or '- ' that start here; envs and stacks need fewer than 10 levels\n";

  @TempDir
  Path dir;

  @Test
  void thousandsOfOpeningBracketsAreRefusedWhereTheyGoTooDeep() throws IOException {
    for (int brackets : new int[] {3000, 100_000}) {
      // The root and appliance are two levels; the 63rd bracket opens the 65th, 11 columns into the line.
      Path env = write("#cloud-config\nappliance:\n  domain: " + "[".repeat(brackets) + "\n");
      assertRefused(CliRun.envCheck(env.toString()), env + ":3:73" + TOO_DEEP);
    }
  }

  @Test
  void fourteenHundredIndentedLevelsAreRefusedAtTheSixtyFifth() throws IOException {
    StringBuilder text = new StringBuilder("#cloud-config\n");
    for (int level = 0; level < 1400; level++) {
      text.append(" ".repeat(level)).append("k:\n");
    }
    Path env = write(text.toString());
    assertTrue(Files.size(env) < YamlReader.MAX_BYTES, "below the size limit, so that the depth is what is refused");
    assertRefused(CliRun.envCheck(env.toString()), env + ":66:65" + TOO_DEEP);
  }

  @Test
  void tenThousandDashesOnOneLineAreRefusedAtTheSixtyFifth() throws IOException {
    Path env = write("#cloud-config\n" + "- ".repeat(10_000) + "x\n");
    assertRefused(CliRun.envCheck(env.toString()), env + ":2:129" + TOO_DEEP);
  }

  @Test
  void sixtyFourLevelsAreStillRead() throws IOException {
    // The root and appliance are two levels, so 62 brackets reach the limit exactly: the value is wrong, not too deep.
    Path env = write("#cloud-config\nappliance:\n  domain: " + "[".repeat(62) + "]".repeat(62) + "\n");
    CliRun run = CliRun.envCheck(env.toString());
    assertFalse(run.out().contains("nesting deeper"), run.out());
    assertTrue(run.out().contains(env + ":3:11: appliance/domain: "), run.out());
  }

  @Test
  void deepPresetsAreRefusedByEnvNewAndNothingIsWritten() throws IOException {
    Path extra = write("app:\n  settings: " + "[".repeat(3000) + "\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--extra", extra.toString());
    assertEquals(extra + ":2:75" + TOO_DEEP, run.out());
    assertEquals(2, run.code());
    assertNoTrace(run.all());
    assertFalse(Files.exists(dir.resolve("site/env.yml")));
  }

  @Test
  void aDeepStackIsRefusedWithThePosition() throws IOException {
    Path stack = write("services:\n  web:\n    command: " + "[".repeat(100_000) + "\n");
    var e = assertThrows(StackFile.InvalidStackException.class, () -> StackFile.read(stack, Interpolation.deferred()));
    assertEquals(stack + ":3:75" + TOO_DEEP, String.join("\n", e.lines()) + "\n");
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "deep", ".yml"), text);
  }

  private static void assertRefused(CliRun run, String expected) {
    assertEquals(expected, run.out());
    assertEquals(2, run.code());
    assertNoTrace(run.all());
  }

  private static void assertNoTrace(String output) {
    assertFalse(output.contains("at dev.") || output.contains("Exception") || output.contains("Error"), output);
  }
}
