package dev.appliance.env.validate;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue.Kind;
import dev.appliance.env.spec.Shape;
import dev.appliance.env.types.Suggestions;
import dev.appliance.env.yaml.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Checks a composed env document against {@link EnvSchema}, collecting every problem. */
public final class EnvValidator {

  private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

  private static final MappingNode EMPTY = new MappingNode(Tag.MAP, List.of(), FlowStyle.AUTO);

  private final Problems problems;
  private final boolean partial;

  private EnvValidator(Problems problems, boolean partial) {
    this.problems = problems;
    this.partial = partial;
  }

  /** Validates a whole env: required keys must be present. */
  public static void validate(Node root, Problems problems) {
    new EnvValidator(problems, false).root(root);
    CrossChecks.check(root, problems);
    HostAccessChecks.checkWhole(root, problems);
    EnvironmentChecks.checkProduction(root, problems);
  }

  /** Validates a fragment to be merged into an env (env-new --extra): required keys may be missing. */
  public static void validateFragment(Node root, Problems problems) {
    new EnvValidator(problems, true).root(root);
    CrossChecks.check(root, problems);
  }

  private void root(Node root) {
    if (!(root instanceof MappingNode)) {
      problems.at(root, "", "the file should hold key: value lines, not " + Nodes.kindOf(root),
          "start with 'appliance:' and its settings; env-new writes a complete example");
      return;
    }
    section(root, EnvSchema.root(), "", root, EnvSchema.CLOUD_INIT_KEYS);
  }

  private void walk(Node node, Shape shape, String path, Node anchor) {
    if (!STANDARD_TAGS.contains(node.getTag())) {
      problems.at(node, path, "the YAML tag '" + node.getTag().getValue().replace("tag:yaml.org,2002:", "!!") + "' is not allowed",
          "remove the tag; env values are plain text, numbers, true/false, lists and sections");
      return;
    }
    boolean empty = node instanceof ScalarNode s && Nodes.value(s).kind() == Kind.NULL;
    if (shape instanceof Shape.Section section) {
      if (!empty) {
        section(node, section, path, anchor, List.of());
      } else if (!partial) {
        missing(section, EMPTY, path, anchor);
      }
    } else if (shape instanceof Shape.ListOf list) {
      list(node, list, path, empty);
    } else if (shape instanceof Shape.MapOf map) {
      map(node, map, path, empty);
    } else if (shape instanceof Shape.Scalar scalar) {
      if (!(node instanceof ScalarNode s)) {
        problems.at(node, path, "should be " + scalar.type().description() + ", not " + Nodes.kindOf(node),
            "write a single value after the colon");
        return;
      }
      Optional<Complaint> complaint = scalar.type().check(Nodes.value(s));
      complaint.ifPresent(c -> problems.at(node, path, c.message(), c.fix()));
    }
  }

  private void section(Node node, Shape.Section section, String path, Node anchor, List<String> passThrough) {
    if (!(node instanceof MappingNode mapping)) {
      problems.at(node, path, "should be a section of key: value lines, not " + Nodes.kindOf(node),
          "put the keys on the lines below, indented");
      return;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue(); // non-scalar keys stop at YamlReader
      String childPath = path.isEmpty() ? key : path + "/" + key;
      Optional<Field> field = section.field(key);
      if (field.isPresent()) {
        walk(tuple.getValueNode(), field.get().shape(), childPath, tuple.getKeyNode());
      } else if (!passThrough.contains(key)) {
        unknown(tuple.getKeyNode(), key, path, section, passThrough);
      }
    }
    if (!partial) {
      missing(section, mapping, path, anchor);
    }
  }

  /** Reports required keys absent from {@code mapping}, also inside absent sections that have defaults. */
  private void missing(Shape.Section section, MappingNode mapping, String path, Node anchor) {
    for (Field field : section.fields()) {
      if (Nodes.keyNode(mapping, field.name()).isPresent()) {
        continue;
      }
      String fieldPath = path.isEmpty() ? field.name() : path + "/" + field.name();
      if (field.required()) {
        String where = path.isEmpty() ? "at the top level" : "under " + path;
        problems.at(anchor, fieldPath, "is missing", "add '" + field.name() + ":' " + where + " (" + field.shape().describe() + ")");
      } else if (field.defaultValue().isPresent() && field.shape() instanceof Shape.Section inner) {
        missing(inner, EMPTY, fieldPath, anchor);
      }
    }
  }

  private void unknown(Node keyNode, String key, String path, Shape.Section section, List<String> passThrough) {
    String shown = path.isEmpty() ? key : path + "/" + key;
    if (key.equals("<<")) {
      problems.at(keyNode, shown, "YAML merge keys (<<) are not supported (they are YAML 1.1 only)", "write the keys out");
      return;
    }
    List<String> names = new ArrayList<>(section.fields().stream().map(Field::name).toList());
    names.addAll(passThrough);
    Optional<String> close = Suggestions.didYouMean(key, names);
    Optional<String> elsewhere = SchemaPaths.find(key).filter(p -> !p.equals(shown));
    String fix = close.map(c -> "did you mean '" + c + "'?")
        .or(() -> elsewhere.map(p -> "it belongs at " + p))
        .orElse("remove it; the keys here are: " + String.join(", ", names.subList(0, Math.min(names.size(), 12)))
            + (names.size() > 12 ? ", ..." : ""));
    problems.at(keyNode, shown, "unknown key", fix);
  }

  private void list(Node node, Shape.ListOf list, String path, boolean empty) {
    if (empty) {
      return;
    }
    if (!(node instanceof SequenceNode sequence)) {
      problems.at(node, path, "should be " + list.describe() + ", not " + Nodes.kindOf(node),
          "write each item on its own line, starting with '- '");
      return;
    }
    List<Node> items = sequence.getValue();
    for (int i = 0; i < items.size(); i++) {
      walk(items.get(i), list.element(), path + "/" + i, items.get(i));
    }
  }

  private void map(Node node, Shape.MapOf map, String path, boolean empty) {
    if (empty) {
      return;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.at(node, path, "should be " + map.describe() + ", not " + Nodes.kindOf(node), "write NAME: value lines below");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (!map.keyPattern().matcher(key).matches()) {
        // Under secrets a misplaced value may sit where the name belongs: then neither is quoted back.
        boolean secret = map.value() instanceof Shape.Scalar s && s.type().secret();
        String shown = secret ? "the name on this line" : "'" + key + "'";
        String example = secret ? "SECRET_KEY" : key.toUpperCase().replaceAll("[^A-Z0-9_]", "_");
        problems.at(tuple.getKeyNode(), secret ? path : path + "/" + key, shown + " is not valid (" + map.keyDoc() + ")",
            "use upper-case letters, digits and _, starting with a letter, like " + example);
      } else if (seen.add(key)) {
        walk(tuple.getValueNode(), map.value(), path + "/" + key, tuple.getKeyNode());
      }
    }
  }
}
