package dev.appliance.stack;

import dev.appliance.env.yaml.ConfigProblem;
import dev.appliance.env.yaml.Problems;
import dev.appliance.env.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads stack.yml: YAML with positions, the Compose subset, {@code x-appliance}, and interpolation from the env. */
public final class StackFile {

  private StackFile() {}

  /** A stack.yml with problems; nothing of it is used. */
  public static final class InvalidStackException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient List<ConfigProblem> problems;

    InvalidStackException(Path file, List<ConfigProblem> problems) {
      super(file + " is not a stack the appliance can run (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"));
      this.file = file;
      this.problems = List.copyOf(problems);
    }

    /** The problems as FILE:LINE:COLUMN lines. */
    public List<String> lines() {
      return problems.stream().map(p -> p.format(file.toString())).toList();
    }
  }

  /**
   * Reads {@code file}, interpolating with {@code interpolation}.
   *
   * @throws InvalidStackException with every problem, if there is any
   */
  public static Stack read(Path file, Interpolation interpolation) throws InvalidStackException, IOException {
    Problems problems = new Problems();
    YamlReader.Parsed parsed = YamlReader.read(file, problems);
    Path dir = file.toAbsolutePath().getParent();
    String defaultName = dir.getFileName() == null ? "stack" : dir.getFileName().toString();
    Optional<Stack> stack = parsed.root().flatMap(root -> new StackReader(new NodeValues(problems, interpolation))
        .read(root, defaultName));
    if (!problems.isEmpty() || stack.isEmpty()) {
      throw new InvalidStackException(file, problems.sorted());
    }
    return stack.get();
  }
}
