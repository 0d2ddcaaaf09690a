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

/** Reads values of a validated document by path, falling back to the schema's defaults. */
final class Values {

  private final Node node;
  private final String schemaPrefix;

  private Values(Node node, String schemaPrefix) {
    this.node = node;
    this.schemaPrefix = schemaPrefix;
  }

  static Values of(Node root) {
    return new Values(root, "");
  }

  /** The values of each item of the list at {@code path}. */
  List<Values> items(String path) {
    return node(path).filter(SequenceNode.class::isInstance)
        .map(n -> ((SequenceNode) n).getValue().stream().map(item -> new Values(item, schemaPath(path) + "/N")).toList())
        .orElse(List.of());
  }

  Optional<String> optional(String path) {
    return node(path).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue())
        .or(() -> EnvSchema.field(schemaPath(path)).flatMap(Field::defaultValue));
  }

  String text(String path) {
    return optional(path).orElseThrow(() -> new IllegalStateException("no value and no default for " + schemaPath(path)));
  }

  boolean bool(String path) {
    return Boolean.parseBoolean(text(path));
  }

  int integer(String path) {
    return Integer.decode(text(path).replace("0o", "0"));
  }

  boolean present(String path) {
    return node(path).isPresent();
  }

  List<String> texts(String path) {
    return node(path).filter(SequenceNode.class::isInstance)
        .map(n -> ((SequenceNode) n).getValue().stream().map(item -> ((ScalarNode) item).getValue()).toList())
        .orElse(List.of());
  }

  /** The scalar entries of the map at {@code path}, in file order. */
  Map<String, String> map(String path) {
    Map<String, String> map = new LinkedHashMap<>();
    node(path).filter(MappingNode.class::isInstance).ifPresent(n -> ((MappingNode) n).getValue().forEach(t ->
        map.put(((ScalarNode) t.getKeyNode()).getValue(), ((ScalarNode) t.getValueNode()).getValue())));
    return map;
  }

  private Optional<Node> node(String path) {
    return Nodes.get(node, path.split("/"));
  }

  private String schemaPath(String path) {
    return schemaPrefix.isEmpty() ? path : schemaPrefix + "/" + path;
  }
}
