package dev.appliance.steps;

import dev.appliance.engine.Engine;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.time.Sleeper;
import java.time.Clock;
import java.util.function.Consumer;

/** What every step works with: the host root, the engine, programs, time, and where its progress lines go. */
public interface StepContext {

  HostRoot root();

  /** The engine, connected on first use. */
  Engine engine();

  ProcessRunner processes();

  Clock clock();

  Sleeper sleeper();

  Consumer<String> log();
}
