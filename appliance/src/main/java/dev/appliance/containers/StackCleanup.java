package dev.appliance.containers;

import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Stack;
import java.util.Map;
import java.util.function.Consumer;

/** Removes the stack's stopped containers and its dangling images; nothing without the stack's labels. */
public final class StackCleanup {

  private final Engine engine;
  private final Stack stack;
  private final Consumer<String> log;

  public StackCleanup(Engine engine, Stack stack, Consumer<String> log) {
    this.engine = engine;
    this.stack = stack;
    this.log = log;
  }

  /** Removes what is left over; returns a line saying how much. */
  public String run() {
    Map<String, String> ours = Map.of(ImageLabels.MANAGED, "true", ImageLabels.STACK, stack.name());
    int containers = 0;
    for (ContainerState container : engine.containers(ours)) {
      if (!container.running()) {
        if (engine.removeStopped(container.id(), stack.name(), "cleanup of stopped containers")) {
          log.accept("removed container " + container.name());
          containers++;
        } else {
          log.accept("kept container " + container.name() + ": it runs again");
        }
      }
    }
    int images = 0;
    for (String image : engine.danglingImages(ours)) {
      if (engine.removeImage(image, stack.name(), "cleanup of dangling images")) {
        images++;
      } else {
        log.accept("kept image " + image + ": still used");
      }
    }
    return "cleanup: removed " + containers + " containers and " + images + " dangling images";
  }
}
