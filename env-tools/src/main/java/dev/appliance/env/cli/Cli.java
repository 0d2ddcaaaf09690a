package dev.appliance.env.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Runs a picocli command with the project's conventions: short errors, one exception-to-exit-code mapping. */
public final class Cli {

  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code when something failed that the input did not cause. */
  public static final int FAILURE = 1;
  /** Exit code for bad input: arguments, files, configuration. */
  public static final int BAD_INPUT = 2;

  private Cli() {}

  /** Input that the user must fix; its message says what is wrong and how to fix it. */
  public static final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
      super(message);
    }
  }

  /** Runs {@code command} with {@code args}, printing to {@code out} and {@code err}; returns the exit code. */
  public static int run(Object command, PrintWriter out, PrintWriter err, String... args) {
    boolean debug = Arrays.asList(args).contains("--debug");
    String[] rest = Arrays.stream(args).filter(a -> !a.equals("--debug")).toArray(String[]::new);
    CommandLine cli = new CommandLine(command)
        .setOut(out)
        .setErr(err)
        .setParameterExceptionHandler(shortErrors())
        .setExecutionExceptionHandler(exitCodes(debug))
        // An argument @FILE is an argument, never FILE's content: sudo lets operators pass arguments to some
        // commands (appliance maintenance on MESSAGE), and @/etc/shadow must not become a public page.
        .setExpandAtFiles(false);
    cli.setExitCodeExceptionMapper(e -> e instanceof BadInputException ? BAD_INPUT : FAILURE);
    int code;
    try {
      code = cli.execute(rest);
    } catch (Error e) {
      // picocli hands only exceptions to the handler; an Error (a stack overflow, no memory left) ends here.
      code = report(e, commandName(cli), err, debug);
    }
    out.flush();
    err.flush();
    return code;
  }

  /** Runs {@code command} on the process's standard streams and exits with its code. */
  public static void main(Object command, String... args) {
    System.exit(run(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  private static IParameterExceptionHandler shortErrors() {
    return (ParameterException e, String[] args) -> {
      CommandLine cli = e.getCommandLine();
      PrintWriter err = cli.getErr();
      err.println(cli.getCommandName() + ": " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
      err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
      return BAD_INPUT;
    };
  }

  private static IExecutionExceptionHandler exitCodes(boolean debug) {
    return (Exception e, CommandLine cli, ParseResult parsed) -> {
      PrintWriter err = cli.getErr();
      if (e instanceof BadInputException) {
        err.println(cli.getCommandName() + ": " + e.getMessage());
        return BAD_INPUT;
      }
      return report(e, cli.getCommandName(), err, debug);
    };
  }

  private static int report(Throwable e, String command, PrintWriter err, boolean debug) {
    err.println(command + ": failed: " + describe(e));
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println("(run again with --debug for details)");
    }
    return FAILURE;
  }

  private static String describe(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "the program ran out of stack (input nested too deeply?)";
    }
    if (e instanceof OutOfMemoryError) {
      return "the program ran out of memory" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The subcommand that was running, as the exception handler would name it. */
  private static String commandName(CommandLine cli) {
    ParseResult parsed = cli.getParseResult();
    if (parsed == null) {
      return cli.getCommandName();
    }
    while (parsed.hasSubcommand()) {
      parsed = parsed.subcommand();
    }
    return parsed.commandSpec().commandLine().getCommandName();
  }
}
