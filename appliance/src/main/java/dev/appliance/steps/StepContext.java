package dev.appliance.steps;

import dev.appliance.alerts.Alerts;
import dev.appliance.engine.Engine;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.time.Sleeper;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What every step works with: the host root, the engine, programs, time, where its progress lines go, and whether
 * an operator asked for a stop.
 */
public interface StepContext {

  HostRoot root();

  /** The engine, connected on first use. */
  Engine engine();

  ProcessRunner processes();

  Clock clock();

  Sleeper sleeper();

  Consumer<String> log();

  /** Where the step's alerts go: the one port, so that they reach the operators and are sent once. */
  Alerts alerts();

  /** Whether {@code appliance stop} was asked for since this command began: then its work ends as stopped. */
  boolean stopRequested() throws IOException;

  /** The holder of the supervisor's lock when another command holds it: a supervisor that serves the application. */
  Optional<String> otherSupervisor() throws IOException;

  /**
   * Takes the work lock for {@code purpose} until the command ends, waiting up to {@code patience} for a backup, a
   * restore or a drill holding it (exit 2 naming the holder after that).
   */
  void awaitWork(String purpose, java.time.Duration patience) throws IOException, InterruptedException;
}
