package dev.appliance.export;

import dev.appliance.env.yaml.Problems;
import dev.appliance.env.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Where a value of stack.yml is written, for refusals that name FILE:LINE:COLUMN like the stack reader: the stack
 * model keeps values, not their places.
 */
final class StackPositions {

  private final Node root;

  private StackPositions(Node root) {
    this.root = root;
  }

  /** The positions of {@code file}, which the stack reader has read without problems. */
  static StackPositions of(Path file) throws IOException {
    return new StackPositions(YamlReader.read(file, new Problems()).root().orElseThrow());
  }

  /**
   * The node at {@code path} (keys separated by {@code /}; a number is a list's index; in a list of
   * {@code KEY=VALUE} items, a key finds its item), or the nearest node on the way there.
   */
  Node at(String path) {
    Node current = root;
    for (String key : path.split("/")) {
      Optional<Node> next = child(current, key);
      if (next.isEmpty()) {
        return current;
      }
      current = next.get();
    }
    return current;
  }

  private static Optional<Node> child(Node node, String key) {
    if (node instanceof MappingNode mapping) {
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          // A key's value, but a scalar is best shown at its key: that is what the reader looks for.
          return Optional.of(tuple.getValueNode() instanceof ScalarNode ? tuple.getKeyNode() : tuple.getValueNode());
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      if (key.matches("[0-9]+") && Integer.parseInt(key) < sequence.getValue().size()) {
        return Optional.of(sequence.getValue().get(Integer.parseInt(key)));
      }
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar && (scalar.getValue().equals(key) || scalar.getValue().startsWith(key + "="))) {
          return Optional.of(item);
        }
      }
    }
    return Optional.empty();
  }
}
