package dev.appliance.env.yaml;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Checks every mapping key of a composed document: keys must be single values and appear once. SnakeYAML's
 * composer does neither check (only its constructor does), and only here do the problems keep their position.
 */
final class KeyChecks {

  private final Problems problems;
  private final Map<Node, Boolean> visited = new IdentityHashMap<>();
  private boolean scalarKeys = true;

  private KeyChecks(Problems problems) {
    this.problems = problems;
  }

  /**
   * Reports duplicate and non-scalar keys anywhere in {@code root}.
   *
   * @return whether every key is a scalar, so that the document can be validated further
   */
  static boolean check(Node root, Problems problems) {
    KeyChecks checks = new KeyChecks(problems);
    checks.walk(root);
    return checks.scalarKeys;
  }

  private void walk(Node node) {
    if (visited.put(node, Boolean.TRUE) != null) {
      return; // an alias to a node already checked
    }
    if (node instanceof MappingNode mapping) {
      Map<String, ScalarNode> seen = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          scalarKeys = false;
          problems.at(tuple.getKeyNode(), "", "a key must be a single value, not a list or a section",
              "write the key as plain text, without '?', [ ] or { }");
        } else {
          ScalarNode first = seen.putIfAbsent(key.getValue(), key);
          if (first != null) {
            int line = first.getStartMark().map(m -> m.getLine() + 1).orElse(0);
            problems.at(key, "", "duplicate key '" + key.getValue() + "' (first at line " + line + ")",
                "keep one of the two entries");
          }
        }
        walk(tuple.getValueNode());
      }
    } else if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(this::walk);
    }
  }
}
