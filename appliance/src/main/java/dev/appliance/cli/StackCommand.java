package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.StackFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code appliance stack check}: the stack's counterpart of env-check. */
@Command(name = "stack", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Checks the stack file.", subcommands = StackCommand.Check.class)
public final class StackCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  ApplianceCommand top;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }

  /** {@code stack check [FILE]}. */
  @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      usageHelpAutoWidth = true,
      description = {"Checks a stack file without an env (variables are left for the supervisor to fill in) and prints"
          + " every problem as FILE:LINE:COLUMN: message.", "",
          "Exit codes: 0 the stack is valid (prints 'ok'), 2 it has problems or cannot be read, 1 internal failure."})
  static final class Check implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    StackCommand parent;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The stack file (default: the global --stack).")
    Path file;

    @Override
    public Integer call() throws IOException {
      Path stack = file != null ? file : parent.top.stackFile();
      if (!Files.isRegularFile(stack)) {
        throw new Cli.BadInputException("cannot read the stack file " + stack + ": "
            + (Files.exists(stack) ? "not a regular file" : "no such file"));
      }
      PrintWriter out = spec.commandLine().getOut();
      try {
        StackFile.read(stack, Interpolation.deferred());
        out.println("ok");
        return Cli.OK;
      } catch (StackFile.InvalidStackException e) {
        e.lines().forEach(out::println);
        spec.commandLine().getErr().println("stack check: " + e.getMessage());
        return Cli.BAD_INPUT;
      }
    }
  }
}
