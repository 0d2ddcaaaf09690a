package dev.appliance.env.model;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.validate.Nodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads values of a validated document by the schema's fields (never by a path written out), falling back to the
 * field's default.
 */
final class Values {

  private final Node node;
  /** The schema path of {@link #node}: empty for the document, like {@code appliance/users/N} for a list item. */
  private final String schemaPrefix;

  private Values(Node node, String schemaPrefix) {
    this.node = node;
    this.schemaPrefix = schemaPrefix;
  }

  static Values of(Node root) {
    return new Values(root, "");
  }

  /** The values of each item of the list {@code field}. */
  List<Values> items(Field field) {
    return node(field).filter(SequenceNode.class::isInstance)
        .map(n -> ((SequenceNode) n).getValue().stream().map(item -> new Values(item, EnvSchema.path(field) + "/N")).toList())
        .orElse(List.of());
  }

  Optional<String> optional(Field field) {
    return node(field).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue())
        .or(field::defaultValue);
  }

  String text(Field field) {
    return optional(field).orElseThrow(() -> new IllegalStateException("no value and no default for " + EnvSchema.path(field)));
  }

  boolean bool(Field field) {
    return Boolean.parseBoolean(text(field));
  }

  int integer(Field field) {
    return Integer.decode(text(field).replace("0o", "0"));
  }

  boolean present(Field field) {
    return node(field).isPresent();
  }

  List<String> texts(Field field) {
    return node(field).filter(SequenceNode.class::isInstance)
        .map(n -> ((SequenceNode) n).getValue().stream().map(item -> ((ScalarNode) item).getValue()).toList())
        .orElse(present(field) ? List.of() : field.defaultItems());
  }

  /** The scalar entries of the map {@code field}, in file order. */
  Map<String, String> map(Field field) {
    Map<String, String> map = new LinkedHashMap<>();
    node(field).filter(MappingNode.class::isInstance).ifPresent(n -> ((MappingNode) n).getValue().forEach(t ->
        map.put(((ScalarNode) t.getKeyNode()).getValue(), ((ScalarNode) t.getValueNode()).getValue())));
    return map;
  }

  private Optional<Node> node(Field field) {
    return Nodes.get(node, relativePath(field).split("/"));
  }

  private String relativePath(Field field) {
    String path = EnvSchema.path(field);
    if (schemaPrefix.isEmpty()) {
      return path;
    }
    if (!path.startsWith(schemaPrefix + "/")) {
      throw new IllegalArgumentException(path + " is not below " + schemaPrefix);
    }
    return path.substring(schemaPrefix.length() + 1);
  }
}
