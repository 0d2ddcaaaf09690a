package dev.appliance.env.yaml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Turns SnakeYAML's exceptions into a message and a fix for people. Only the problem text is used, never the
 * exception's source snippet, which would print the offending line (and any secret on it).
 */
final class SyntaxHints {

  private static final Pattern DUPLICATE = Pattern.compile("found duplicate key (.*)");
  private static final Pattern ALIASES = Pattern.compile("Number of aliases for non-scalar nodes exceeds the specified max=(\\d+)");

  private SyntaxHints() {}

  /** Where to point: the problem, or where an unclosed quote or bracket began. */
  static Mark mark(MarkedYamlEngineException e) {
    if (unclosed(e) && e.getContextMark().isPresent()) {
      return e.getContextMark().get();
    }
    return e.getProblemMark().orElse(e.getContextMark().orElse(null));
  }

  private static boolean unclosed(YamlEngineException e) {
    return e instanceof MarkedYamlEngineException m && m.getContext() != null
        && (m.getContext().contains("quoted scalar") || m.getContext().contains("flow"));
  }

  static boolean isAliasLimit(YamlEngineException e) {
    return ALIASES.matcher(String.valueOf(e.getMessage())).find();
  }

  private static String all(YamlEngineException e) {
    return e instanceof MarkedYamlEngineException m ? m.getContext() + " " + m.getProblem() : String.valueOf(e.getMessage());
  }

  static String message(YamlEngineException e) {
    String problem = e instanceof MarkedYamlEngineException m ? m.getProblem() : e.getMessage();
    problem = problem == null ? "unreadable YAML" : problem.strip();
    Matcher duplicate = DUPLICATE.matcher(problem);
    if (duplicate.matches()) {
      return "duplicate key '" + duplicate.group(1) + "'";
    }
    Matcher aliases = ALIASES.matcher(problem);
    if (aliases.find()) {
      return "more than " + aliases.group(1) + " aliases (a YAML alias bomb?)";
    }
    if (problem.contains("The incoming YAML document exceeds the limit")) {
      return "the document is larger than the limit of " + YamlReader.MAX_BYTES + " characters";
    }
    if (problem.contains("TAB")) {
      return "a tab character; YAML indentation must use spaces";
    }
    if (all(e).contains("expected a single document")) {
      return "the file holds more than one YAML document (a second '---')";
    }
    if (unclosed(e)) {
      String what = ((MarkedYamlEngineException) e).getContext().contains("quoted") ? "quoted text" : "list or section in brackets";
      return "the " + what + " that starts here is not closed";
    }
    String context = e instanceof MarkedYamlEngineException m && m.getContext() != null ? m.getContext().strip() : "";
    String text = context.isEmpty() ? problem : context + ": " + problem;
    return "YAML syntax error: " + text;
  }

  static String fix(YamlEngineException e) {
    String problem = all(e);
    if (problem.contains("TAB")) {
      return "replace the tab with spaces";
    }
    if (problem.contains("expected a single document")) {
      return "remove the '---' line and everything after it, or merge the two";
    }
    if (unclosed(e)) {
      return "add the closing quote or bracket";
    }
    if (problem.startsWith("found duplicate key")) {
      return "keep one of the two entries";
    }
    if (problem.contains("aliases")) {
      return "write the values out instead of repeating aliases";
    }
    if (problem.contains("mapping values are not allowed")) {
      return "quote a value that contains ': ', or check the indentation of this line";
    }
    if (problem.contains("could not find expected ':'")) {
      return "every key needs a ':' after it; check the line above too";
    }
    if (problem.contains("exceeds the limit")) {
      return "keep large data out of the env; reference it instead";
    }
    return "check the indentation and quoting at this place";
  }
}
