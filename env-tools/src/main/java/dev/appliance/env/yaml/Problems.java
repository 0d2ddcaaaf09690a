package dev.appliance.env.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects every problem of one validation run, so that all of them are reported, not only the first. Errors refuse
 * the file; warnings are only printed. Some errors are production's needs: rules that apply to a production
 * appliance only, which env-new reports after writing a new env instead of refusing to write it.
 */
public final class Problems {

  private final List<ConfigProblem> errors = new ArrayList<>();
  private final List<ConfigProblem> productionNeeds = new ArrayList<>();
  private final List<ConfigProblem> warnings = new ArrayList<>();

  /** Adds an error at the start of {@code node}. */
  public void at(Node node, String path, String message, String fix) {
    errors.add(problem(node.getStartMark().orElse(null), path, message, fix));
  }

  /** Adds an error at {@code mark} (0-based, as SnakeYAML counts), or at 1:1 when there is none. */
  public void add(String path, Mark mark, String message, String fix) {
    errors.add(problem(mark, path, message, fix));
  }

  /** Adds an error that only a production appliance's rules raise, at the start of {@code node}. */
  public void productionNeeds(Node node, String path, String message, String fix) {
    ConfigProblem problem = problem(node.getStartMark().orElse(null), path, message, fix);
    errors.add(problem);
    productionNeeds.add(problem);
  }

  /** Adds a warning at the start of {@code node}: printed, but the file is valid. */
  public void warnAt(Node node, String path, String message, String fix) {
    warnings.add(problem(node.getStartMark().orElse(null), path, message, fix));
  }

  /** Whether there is no error (warnings do not count). */
  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The errors in file order. */
  public List<ConfigProblem> sorted() {
    return inFileOrder(errors);
  }

  /** The errors that are production's needs, in file order; each is among {@link #sorted()} too. */
  public List<ConfigProblem> productionNeeds() {
    return inFileOrder(productionNeeds);
  }

  /** The warnings in file order. */
  public List<ConfigProblem> warnings() {
    return inFileOrder(warnings);
  }

  private static ConfigProblem problem(Mark mark, String path, String message, String fix) {
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1;
    return new ConfigProblem(path, line, column, message, fix);
  }

  private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
    return problems.stream()
        .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
        .toList();
  }
}
