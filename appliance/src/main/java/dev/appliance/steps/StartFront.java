package dev.appliance.steps;

import dev.appliance.containers.ContainerReconciler;
import java.util.Optional;

/** The front proxy's container, running with its current specification, so that visitors get a page at once. */
final class StartFront implements Step {

  private final Front front;

  StartFront(Front front) {
    this.front = front;
  }

  @Override
  public String name() {
    return "front proxy";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    var containers = front.containers();
    var existing = containers.inspect(front.service());
    return ContainerReconciler.current(existing, containers.spec(front.service()))
        && existing.get().running() ? Optional.of("running") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    front.containers().network().ensure();
    front.containers().ensureRunning(front.service());
  }
}
