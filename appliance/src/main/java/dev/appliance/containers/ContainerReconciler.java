package dev.appliance.containers;

import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Makes a service's container match its specification: kept when the spec hash on it is the current one, recreated
 * (stopped) when its image or settings changed, created when missing, then started if it does not run.
 */
public final class ContainerReconciler {

  private final Engine engine;
  private final StackNetwork network;
  private final Function<String, ContainerSpec> specs;
  private final Consumer<String> log;

  public ContainerReconciler(Engine engine, StackNetwork network, Function<String, ContainerSpec> specs,
      Consumer<String> log) {
    this.engine = engine;
    this.network = network;
    this.specs = specs;
    this.log = log;
  }

  /** Whether the existing container, if any, was made from {@code spec}. */
  public static boolean current(Optional<ContainerState> existing, ContainerSpec spec) {
    return existing.isPresent() && spec.hash().equals(existing.get().label(ContainerSpec.CONFIG_LABEL));
  }

  /**
   * Makes sure {@code service}'s container exists with its current specification.
   *
   * @return whether it was created now
   */
  public boolean ensureCreated(String service) {
    ContainerSpec spec = specs.apply(service);
    Optional<ContainerState> existing = engine.inspect(spec.name());
    if (current(existing, spec)) {
      return false;
    }
    if (existing.isPresent()) {
      log.accept(service + ": recreating (its image or settings changed)");
      engine.remove(spec.name(), spec.stack().name(), "its image or settings changed");
    }
    engine.create(spec, network.name());
    log.accept(service + ": created");
    return true;
  }

  /** Makes {@code service}'s container run with its current specification: reused, started, or recreated. */
  public void ensureRunning(String service) {
    ensureCreated(service);
    String name = specs.apply(service).name();
    if (!engine.inspect(name).map(ContainerState::running).orElse(false)) {
      engine.start(name);
      log.accept(service + ": started");
    }
  }
}
