package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.steps.Installation;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that works on this machine's appliance: opens it, runs, and closes the engine connection. */
@Command
abstract class StepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  /** The top command with the global options, however deep this subcommand is. */
  ApplianceCommand top() {
    return (ApplianceCommand) spec.root().userObject();
  }

  @Override
  public final Integer call() throws Exception {
    // A mistyped root must not let cleanup or stop act on the stack's containers, which are found by their labels.
    if (!createsRoot() && !Files.isDirectory(top().root)) {
      throw new Cli.BadInputException("--root " + top().root + ": no such directory; prepare-env (or up) makes a new"
          + " root, every other command needs an existing one");
    }
    try (Installation installation = top().installation()) {
      installation.speaksAs(getClass().getAnnotation(Command.class).name());
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
