package dev.appliance.env.newenv;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;

/**
 * Writes env values as env.yml text: every key of the schema in schema order, each with its documentation as a
 * comment; defaults written out, optional keys without a default shown commented out. Multi-line values (PEM, OpenPGP)
 * become literal blocks; other strings are quoted by SnakeYAML wherever YAML needs it.
 */
public final class EnvWriter {

  private static final int WIDTH = 110;
  private static final Dump SCALARS = new Dump(DumpSettings.builder().setWidth(Integer.MAX_VALUE).setSplitLines(false).build());

  private final StringBuilder out = new StringBuilder();

  private EnvWriter() {}

  /** The env.yml text for {@code values}, starting with the cloud-config header and {@code headerComment}. */
  public static String write(Map<String, Object> values, List<String> headerComment) {
    EnvWriter writer = new EnvWriter();
    writer.out.append(EnvSchema.HEADER).append('\n');
    headerComment.forEach(line -> writer.out.append("# ").append(line).append('\n'));
    writer.section(EnvSchema.root(), values, 0);
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      if (EnvSchema.root().field(entry.getKey()).isEmpty()) {
        writer.out.append('\n');
        writer.value(entry.getKey(), entry.getValue(), 0);
      }
    }
    return writer.out.toString();
  }

  @SuppressWarnings("unchecked")
  private void section(Shape.Section section, Map<String, Object> values, int indent) {
    for (Field field : section.fields()) {
      if (indent <= 2) {
        out.append('\n');
      }
      comment((field.reserved() ? "Reserved: not acted on yet. " : "") + field.doc(), indent);
      Object value = values.containsKey(field.name()) ? values.get(field.name()) : defaultOf(field);
      if (value == null) {
        out.append(" ".repeat(indent)).append("# ").append(field.name()).append(":\n");
      } else if (field.shape() instanceof Shape.Section inner && value instanceof Map<?, ?> map) {
        out.append(" ".repeat(indent)).append(field.name()).append(":\n");
        section(inner, (Map<String, Object>) map, indent + 2);
      } else {
        value(field.name(), value, indent);
      }
    }
  }

  private static Object defaultOf(Field field) {
    String text = field.defaultValue().orElse(null);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "true", "false" -> Boolean.valueOf(text);
      case "{}" -> Map.of();
      default -> text.startsWith("[") ? field.defaultItems() : text.matches("-?\\d+") ? (Object) Long.valueOf(text) : text;
    };
  }

  private void value(String key, Object value, int indent) {
    String pad = " ".repeat(indent);
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(pad).append(key(key)).append(": {}\n");
        return;
      }
      out.append(pad).append(key(key)).append(":\n");
      map.forEach((k, v) -> value(String.valueOf(k), v, indent + 2));
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append(pad).append(key(key)).append(": []\n");
        return;
      }
      out.append(pad).append(key(key)).append(":\n");
      list.forEach(item -> item(item, indent + 2));
    } else {
      out.append(pad).append(key(key)).append(": ").append(scalar(value, indent)).append('\n');
    }
  }

  /** A list item: its lines are written as a map entry, then the first one gets the "- " marker. */
  private void item(Object item, int indent) {
    if (!(item instanceof Map<?, ?> || item instanceof List<?>) || item instanceof Map<?, ?> m && m.isEmpty()
        || item instanceof List<?> l && l.isEmpty()) {
      out.append(" ".repeat(indent)).append("- ").append(scalar(item, indent)).append('\n');
      return;
    }
    int start = out.length();
    if (item instanceof Map<?, ?> map) {
      map.forEach((k, v) -> value(String.valueOf(k), v, indent + 2));
    } else {
      ((List<?>) item).forEach(inner -> item(inner, indent + 2));
    }
    out.replace(start, start + indent + 2, " ".repeat(indent) + "- ");
  }

  private static String key(String key) {
    return scalar(key, 0);
  }

  private static String scalar(Object value, int indent) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return value instanceof Map<?, ?> ? "{}" : "[]";
    }
    if (value instanceof Boolean || value instanceof Number) {
      return value.toString();
    }
    String text = value.toString();
    if (text.contains("\n") && literalSafe(text)) {
      return literal(text, indent + 2);
    }
    return SCALARS.dumpToString(text).stripTrailing();
  }

  /** A literal block keeps the text exactly, if it has no carriage returns and does not start with a space. */
  private static boolean literalSafe(String text) {
    return !text.startsWith(" ") && !text.startsWith("\n") && text.chars().allMatch(c -> c == '\n' || c >= 0x20 && c != 0x7f);
  }

  private static String literal(String text, int indent) {
    String chomp;
    String body;
    if (text.endsWith("\n\n")) {
      chomp = "|+";
      body = text.substring(0, text.length() - 1);
    } else if (text.endsWith("\n")) {
      chomp = "|";
      body = text.substring(0, text.length() - 1);
    } else {
      chomp = "|-";
      body = text;
    }
    StringBuilder block = new StringBuilder(chomp);
    for (String line : body.split("\n", -1)) {
      block.append('\n');
      if (!line.isEmpty()) {
        block.append(" ".repeat(indent)).append(line);
      }
    }
    return block.toString();
  }

  private void comment(String doc, int indent) {
    for (String line : wrap(doc, WIDTH - indent - 2)) {
      out.append(" ".repeat(indent)).append("# ").append(line).append('\n');
    }
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
