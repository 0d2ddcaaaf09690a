package dev.appliance.containers;

import dev.appliance.engine.Engine;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A one-off container (the migration, nginx's check of a site) run to its end, its output logged, then removed. */
public final class OneOffRun {

  private static final String REASON = "one-off run";

  private final Engine engine;
  private final StackNetwork network;
  private final Consumer<String> log;

  public OneOffRun(Engine engine, StackNetwork network, Consumer<String> log) {
    this.engine = engine;
    this.network = network;
    this.log = log;
  }

  /**
   * Runs {@code spec} within {@code timeout}.
   *
   * @return its exit code
   * @throws ServiceFailedException if it did not finish in time
   */
  public long run(ContainerSpec spec, Duration timeout) throws InterruptedException, ServiceFailedException {
    engine.remove(spec.name(), spec.stack().name(), "left over from an earlier " + REASON);
    engine.create(spec, network.name());
    try {
      engine.start(spec.name());
      OptionalLong code = engine.awaitExit(spec.name(), timeout);
      engine.logs(spec.name(), 200).lines().forEach(l -> log.accept(spec.service().name() + " | " + l));
      if (code.isEmpty()) {
        throw new ServiceFailedException(spec.name() + " did not finish within " + timeout.toSeconds() + " s");
      }
      return code.getAsLong();
    } finally {
      engine.remove(spec.name(), spec.stack().name(), "the end of its " + REASON);
    }
  }
}
