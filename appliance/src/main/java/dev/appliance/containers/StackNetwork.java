package dev.appliance.containers;

import dev.appliance.engine.Engine;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Stack;
import java.util.function.Consumer;

/** The stack's private network, named after the stack, on which services reach each other by name. */
public record StackNetwork(Engine engine, Stack stack, Consumer<String> log) {

  public String name() {
    return stack.name();
  }

  /** Creates the network if it is missing. */
  public void ensure() {
    if (!engine.networkExists(name())) {
      engine.createNetwork(name(), ImageLabels.of(stack.name(), "network"));
      log.accept("network " + name() + " created");
    }
  }
}
