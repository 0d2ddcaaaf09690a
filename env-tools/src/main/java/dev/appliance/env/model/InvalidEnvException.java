package dev.appliance.env.model;

import dev.appliance.env.yaml.ConfigProblem;
import java.nio.file.Path;
import java.util.List;

/** An env that did not pass validation, with every problem found; the message never holds a secret. */
public final class InvalidEnvException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final transient List<ConfigProblem> problems;

  public InvalidEnvException(Path file, List<ConfigProblem> problems) {
    super(file + " is not a valid env (" + problems.size() + (problems.size() == 1 ? " problem)" : " problems)"));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  /** The problems, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** The problems as FILE:LINE:COLUMN lines, as env-check prints them. */
  public List<String> lines() {
    return problems.stream().map(p -> p.format(file.toString())).toList();
  }
}
