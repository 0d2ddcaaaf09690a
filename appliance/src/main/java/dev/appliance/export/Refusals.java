package dev.appliance.export;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.yaml.ConfigProblem;
import dev.appliance.env.yaml.Problems;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What of a stack a target cannot express, each at its FILE:LINE:COLUMN with the reason and a fix: an export with
 * any of them writes nothing (exit 2), since a silently changed meaning would surface only in production.
 */
public final class Refusals {

  private final Path file;
  private final StackPositions positions;
  private final Problems problems = new Problems();

  Refusals(Path file, StackPositions positions) {
    this.file = file;
    this.positions = positions;
  }

  /** Refuses what is written at {@code path} of the stack (as {@code services/web/ports/0}). */
  public void at(String path, String message, String fix) {
    problems.at(positions.at(path), path, message, fix);
  }

  /** The refusals so far, as FILE:LINE:COLUMN lines in the file's order. */
  public List<String> lines() {
    return problems.sorted().stream().map((ConfigProblem p) -> p.format(file.toString())).toList();
  }

  /** Throws bad input listing every refusal, if there is one. */
  public void throwIfAny(String target) {
    List<String> lines = lines();
    if (!lines.isEmpty()) {
      throw new Cli.BadInputException(file + " cannot be exported for " + target + " as it is (nothing was written):\n"
          + lines.stream().collect(Collectors.joining("\n")));
    }
  }
}
