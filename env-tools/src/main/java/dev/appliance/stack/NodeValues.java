package dev.appliance.stack;

import dev.appliance.env.validate.Nodes;
import dev.appliance.env.yaml.Problems;
import dev.appliance.stack.Interpolation.InterpolationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads typed values out of stack.yml nodes, interpolating variables and reporting every problem with its place. */
final class NodeValues {

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|us|h|m|s)");
  private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)\\s*(b|k|kb|m|mb|g|gb)?");

  private final Problems problems;
  private final Interpolation interpolation;

  NodeValues(Problems problems, Interpolation interpolation) {
    this.problems = problems;
    this.interpolation = interpolation;
  }

  Problems problems() {
    return problems;
  }

  /** The entries of a mapping with their key nodes, or empty (with a problem) when the node is not a mapping. */
  List<NodeTuple> entries(Node node, String path, String what) {
    if (node instanceof MappingNode mapping) {
      return mapping.getValue();
    }
    if (!isNull(node)) {
      problems.at(node, path, "should be " + what + ", not " + Nodes.kindOf(node), "write key: value lines below, indented");
    }
    return List.of();
  }

  static String key(NodeTuple tuple) {
    return ((ScalarNode) tuple.getKeyNode()).getValue();
  }

  Optional<String> text(Node node, String path) {
    if (!(node instanceof ScalarNode scalar) || isNull(node)) {
      problems.at(node, path, "should be a single value, not " + Nodes.kindOf(node), "write one value after the colon");
      return Optional.empty();
    }
    return interpolate(scalar.getValue(), scalar, path, scalar.getScalarStyle());
  }

  /** Interpolates {@code raw}; a problem points at the reference when the value is on one line. */
  private Optional<String> interpolate(String raw, Node node, String path, ScalarStyle style) {
    try {
      return Optional.of(interpolation.apply(raw));
    } catch (InterpolationException e) {
      Mark mark = node.getStartMark().orElse(null);
      boolean oneLine = style == ScalarStyle.PLAIN || style == ScalarStyle.SINGLE_QUOTED || style == ScalarStyle.DOUBLE_QUOTED;
      int shift = !oneLine ? 0 : e.offset() + (style == ScalarStyle.PLAIN ? 0 : 1);
      problems.add(path, mark == null ? null : new Mark(mark.getName(), mark.getIndex() + shift, mark.getLine(),
          mark.getColumn() + shift, mark.getBuffer(), mark.getPointer()), e.getMessage(), e.fix());
      return Optional.empty();
    }
  }

  Optional<Boolean> bool(Node node, String path) {
    Optional<String> text = text(node, path);
    if (text.isPresent() && !text.get().matches("true|false")) {
      problems.at(node, path, "should be true or false, not '" + text.get() + "'", "write true or false");
      return Optional.empty();
    }
    return text.map(Boolean::parseBoolean);
  }

  Optional<Integer> integer(Node node, String path, int min, int max) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      int n = Integer.parseInt(text.get());
      if (n >= min && n <= max) {
        return Optional.of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.at(node, path, "'" + text.get() + "' is not a whole number from " + min + " to " + max, "write a number");
    return Optional.empty();
  }

  /** A command line: a list of words, or one string split like a shell would (quotes group words). */
  Optional<List<String>> words(Node node, String path) {
    if (node instanceof SequenceNode sequence) {
      List<String> words = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        text(sequence.getValue().get(i), path + "/" + i).ifPresent(words::add);
      }
      return Optional.of(words);
    }
    return text(node, path).map(NodeValues::split);
  }

  /** A list of strings, or one string taken as a list of one. */
  List<String> strings(Node node, String path) {
    if (node instanceof ScalarNode) {
      return text(node, path).map(List::of).orElse(List.of());
    }
    return words(node, path).orElse(List.of());
  }

  /** A map of names to values, written as {@code KEY: value} lines or as a list of {@code KEY=value}. */
  Map<String, String> keyValues(Node node, String path) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        Node item = sequence.getValue().get(i);
        String itemPath = path + "/" + i;
        text(item, itemPath).ifPresent(entry -> {
          int equals = entry.indexOf('=');
          String name = equals < 0 ? entry : entry.substring(0, equals);
          // A bare NAME takes its value from the env, as Compose takes it from the shell.
          String value = equals < 0 ? variable(item, itemPath, name) : entry.substring(equals + 1);
          if (value != null) {
            values.put(name, value);
          }
        });
      }
      return values;
    }
    for (NodeTuple tuple : entries(node, path, "a map of NAME: value")) {
      String name = key(tuple);
      if (isNull(tuple.getValueNode())) {
        String value = variable(tuple.getValueNode(), path + "/" + name, name);
        if (value != null) {
          values.put(name, value);
        }
      } else {
        text(tuple.getValueNode(), path + "/" + name).ifPresent(v -> values.put(name, v));
      }
    }
    return values;
  }

  private String variable(Node node, String path, String name) {
    return interpolate("${" + name + "}", node, path, ScalarStyle.LITERAL).orElse(null);
  }

  /** A Compose duration such as {@code 30s}, {@code 1m30s} or {@code 500ms}. */
  Optional<Duration> duration(Node node, String path) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher part = DURATION_PART.matcher(text.get());
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      long n = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "h" -> Duration.ofHours(n);
        case "m" -> Duration.ofMinutes(n);
        case "s" -> Duration.ofSeconds(n);
        case "ms" -> Duration.ofMillis(n);
        default -> Duration.ofNanos(n * 1000);
      });
      end = part.end();
    }
    if (end == 0 || end != text.get().length()) {
      problems.at(node, path, "'" + text.get() + "' is not a duration", "write it like 30s, 1m30s or 500ms");
      return Optional.empty();
    }
    return Optional.of(total);
  }

  /** A size in bytes such as {@code 512m} or {@code 1g}. */
  Optional<Long> size(Node node, String path) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = SIZE.matcher(text.get().strip());
    if (!m.matches()) {
      problems.at(node, path, "'" + text.get() + "' is not a size", "write it like 512m or 1g");
      return Optional.empty();
    }
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT).substring(0, 1);
    long factor = switch (unit) {
      case "k" -> 1L << 10;
      case "m" -> 1L << 20;
      case "g" -> 1L << 30;
      default -> 1L;
    };
    return Optional.of(Long.parseLong(m.group(1)) * factor);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Nodes.value(s).kind() == dev.appliance.env.spec.ScalarValue.Kind.NULL;
  }

  /** Splits a command line into words; single or double quotes group words, as in a shell. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (char c : line.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
