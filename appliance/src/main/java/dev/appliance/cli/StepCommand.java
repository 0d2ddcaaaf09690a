package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.steps.Installation;
import java.nio.file.Files;
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
    // A mistyped root must not let cleanup or stop act on the stack's containers, which are found by their labels.
    if (!createsRoot() && !Files.isDirectory(top.root)) {
      throw new Cli.BadInputException("--root " + top.root + ": no such directory; prepare-env (or up) makes a new"
          + " root, every other command needs an existing one");
    }
    try (Installation installation = top.installation()) {
      return run(installation);
    }
  }

  /** Whether this command makes the root when it does not exist yet. */
  boolean createsRoot() {
    return false;
  }

  /** Does the work; returns the exit code. */
  abstract int run(Installation installation) throws Exception;
}
