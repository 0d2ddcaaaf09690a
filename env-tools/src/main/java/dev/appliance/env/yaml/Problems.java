package dev.appliance.env.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every problem of one validation run, so that all of them are reported, not only the first. */
public final class Problems {

  private final List<ConfigProblem> found = new ArrayList<>();

  /** Adds a problem at the start of {@code node}. */
  public void at(Node node, String path, String message, String fix) {
    Mark mark = node.getStartMark().orElse(null);
    add(path, mark, message, fix);
  }

  /** Adds a problem at {@code mark} (0-based, as SnakeYAML counts), or at 1:1 when there is none. */
  public void add(String path, Mark mark, String message, String fix) {
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1;
    found.add(new ConfigProblem(path, line, column, message, fix));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The problems in file order. */
  public List<ConfigProblem> sorted() {
    return found.stream()
        .sorted(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column))
        .toList();
  }
}
