package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it shows its usage and exits 2. */
@Command
abstract class CommandGroup implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }
}
