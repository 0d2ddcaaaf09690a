package dev.appliance.env.cli;

import dev.appliance.env.validate.EnvCheck;
import dev.appliance.env.yaml.ConfigProblem;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The lines env-check prints for a result: its errors and warnings together, in file order. */
final class Report {

  private Report() {}

  static List<String> lines(EnvCheck.Result result, String file) {
    return lines(result.problems(), result.warnings(), file);
  }

  static List<String> lines(List<ConfigProblem> errors, List<ConfigProblem> warnings, String file) {
    record Line(ConfigProblem problem, String text) {}
    return Stream.concat(errors.stream().map(p -> new Line(p, p.format(file))),
            warnings.stream().map(p -> new Line(p, p.formatWarning(file))))
        .sorted(Comparator.comparingInt((Line l) -> l.problem().line()).thenComparingInt(l -> l.problem().column()))
        .map(Line::text).toList();
  }
}
