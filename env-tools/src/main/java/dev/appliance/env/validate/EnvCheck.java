package dev.appliance.env.validate;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.yaml.ConfigProblem;
import dev.appliance.env.yaml.Problems;
import dev.appliance.env.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/** Checks an env file or text completely: size, the cloud-config header, YAML syntax, schema and cross-key rules. */
public final class EnvCheck {

  /**
   * The outcome of a check.
   *
   * @param root the document, when it is well-formed YAML (even if it has other problems)
   * @param problems every error, in file order; empty when the env is valid
   * @param productionNeeds the errors that only a production appliance's rules raise (each also in problems)
   * @param warnings what is printed but does not make the env invalid, in file order
   */
  public record Result(Optional<Node> root, List<ConfigProblem> problems, List<ConfigProblem> productionNeeds,
      List<ConfigProblem> warnings) {
    public boolean valid() {
      return problems.isEmpty();
    }
  }

  private EnvCheck() {}

  /** Checks the env file at {@code file}. */
  public static Result file(Path file) throws IOException {
    Problems problems = new Problems();
    YamlReader.Parsed parsed = YamlReader.read(file, problems);
    return finish(parsed, problems, false);
  }

  /** Checks the content of an env file that was read already, so that what is checked is exactly what is used. */
  public static Result bytes(byte[] content, String label) {
    Problems problems = new Problems();
    return finish(YamlReader.read(content, label, problems), problems, false);
  }

  /** Checks env text that is not (yet) a file, such as what env-new is about to write. */
  public static Result text(String text, String label) {
    Problems problems = new Problems();
    return finish(YamlReader.parse(text, label, problems), problems, false);
  }

  /** Checks a fragment to be merged into an env; required keys may be missing and no header is needed. */
  public static Result fragment(Path file) throws IOException {
    Problems problems = new Problems();
    YamlReader.Parsed parsed = YamlReader.read(file, problems);
    return finish(parsed, problems, true);
  }

  private static Result finish(YamlReader.Parsed parsed, Problems problems, boolean fragment) {
    if (!fragment && !parsed.text().isEmpty() && !firstLine(parsed.text()).equals(EnvSchema.HEADER)) {
      problems.add("", null, "the first line must be '" + EnvSchema.HEADER + "' (env.yml is also cloud-init user-data)",
          "insert the line '" + EnvSchema.HEADER + "' at the top");
    }
    if (parsed.root().isEmpty() && problems.isEmpty()) {
      problems.add("", null, "the file holds no settings", "run 'env-new DOMAIN DIR' to create a complete env.yml");
    }
    parsed.root().ifPresent(root -> {
      if (fragment) {
        EnvValidator.validateFragment(root, problems);
      } else {
        EnvValidator.validate(root, problems);
      }
    });
    return new Result(parsed.root(), problems.sorted(), problems.productionNeeds(), problems.warnings());
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).stripTrailing();
  }
}
