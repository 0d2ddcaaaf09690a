package dev.appliance.cli;

import dev.appliance.steps.Installation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** A subcommand that works on this machine's appliance: opens it, runs, and closes the engine connection. */
@Command
abstract class StepCommand implements Callable<Integer> {

  @ParentCommand
  ApplianceCommand top;

  @Override
  public final Integer call() throws Exception {
    try (Installation installation = top.installation()) {
      return run(installation);
    }
  }

  /** Does the work; returns the exit code. */
  abstract int run(Installation installation) throws Exception;
}
