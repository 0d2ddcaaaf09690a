package dev.appliance.env.validate;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.ScalarValue;
import dev.appliance.env.spec.ScalarValue.Kind;
import dev.appliance.env.spec.Shape;
import java.util.Arrays;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Small helpers to read composed YAML nodes. */
public final class Nodes {

  private Nodes() {}

  /** The node at {@code path} below {@code node}, through mappings only. */
  public static Optional<Node> get(Node node, String... path) {
    Node current = node;
    for (String key : path) {
      if (!(current instanceof MappingNode mapping)) {
        return Optional.empty();
      }
      Node next = null;
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          next = tuple.getValueNode();
        }
      }
      if (next == null) {
        return Optional.empty();
      }
      current = next;
    }
    return Optional.of(current);
  }

  /** The node of {@code field} below the root, if the env gives it. */
  public static Optional<Node> get(Node root, Field field) {
    return get(root, EnvSchema.path(field).split("/"));
  }

  /** The text of the scalar of {@code field} below the root, if the env gives one. */
  public static Optional<String> text(Node root, Field field) {
    return text(root, EnvSchema.path(field).split("/"));
  }

  /** The text of {@code node} if it is a scalar that passes the type check of {@code field}. */
  public static Optional<String> checked(Node node, Field field) {
    return checked(node, field.shape());
  }

  /** The text of {@code node} if it is a scalar that passes the type check of {@code shape}, a scalar's. */
  public static Optional<String> checked(Node node, Shape shape) {
    return node instanceof ScalarNode scalar && shape instanceof Shape.Scalar type
        && type.type().check(value(scalar)).isEmpty() ? Optional.of(scalar.getValue().strip()) : Optional.empty();
  }

  /**
   * Where a problem about {@code field} is shown: its key, or when the env leaves it out, the key of the nearest
   * section above it that the env gives (the document itself at worst).
   */
  public static Node nearestKey(Node root, Field field) {
    String[] path = EnvSchema.path(field).split("/");
    for (int depth = path.length; depth > 0; depth--) {
      String name = path[depth - 1];
      Optional<Node> key = get(root, Arrays.copyOf(path, depth - 1)).flatMap(parent -> keyNode(parent, name));
      if (key.isPresent()) {
        return key.get();
      }
    }
    return root;
  }

  /** The key node of {@code key} in {@code mapping}, for locating problems about the key itself. */
  public static Optional<Node> keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      return m.getValue().stream().map(NodeTuple::getKeyNode)
          .filter(k -> k instanceof ScalarNode s && s.getValue().equals(key)).findFirst();
    }
    return Optional.empty();
  }

  /** The text of a scalar at {@code path}, if there is one. */
  public static Optional<String> text(Node node, String... path) {
    return get(node, path).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
  }

  /** The scalar with the type YAML 1.2 resolved for it. */
  public static ScalarValue value(ScalarNode node) {
    Tag tag = node.getTag();
    Kind kind = tag.equals(Tag.STR) ? Kind.STRING : tag.equals(Tag.INT) ? Kind.INTEGER : tag.equals(Tag.FLOAT) ? Kind.FLOAT
        : tag.equals(Tag.BOOL) ? Kind.BOOLEAN : tag.equals(Tag.NULL) ? Kind.NULL : Kind.OTHER;
    return new ScalarValue(node.getValue(), kind);
  }

  /** How a node's kind reads in a message ("a list", "a section", "text"). */
  public static String kindOf(Node node) {
    if (node instanceof MappingNode) {
      return "a section";
    }
    if (node instanceof ScalarNode scalar) {
      return value(scalar).kind() == Kind.NULL ? "empty" : "a single value";
    }
    return "a list";
  }
}
