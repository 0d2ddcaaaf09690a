package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The last-resort handling of what a command throws: an exit code, one line, and a trace only with --debug. */
class CliTest {

  @Command(name = "overflowing")
  static final class Overflowing implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new StackOverflowError();
    }
  }

  @Command(name = "tool", subcommands = ExhaustingSubcommand.class)
  static final class Tool implements Callable<Integer> {
    @Override
    public Integer call() {
      return Cli.OK;
    }
  }

  @Command(name = "exhausting")
  static final class ExhaustingSubcommand implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new OutOfMemoryError("Java heap space");
    }
  }

  @Command(name = "echo")
  static final class Echo implements Callable<Integer> {
    @picocli.CommandLine.Parameters
    java.util.List<String> words;

    @Override
    public Integer call() {
      return 0;
    }
  }

  /** sudo lets operators pass arguments (appliance maintenance on MESSAGE): @FILE must not read FILE for them. */
  @Test
  void anArgumentStartingWithAtIsNotAFileToReadArgumentsFrom() throws Exception {
    java.nio.file.Path secret = java.nio.file.Files.createTempFile("cli", ".txt");
    java.nio.file.Files.writeString(secret, "one two three four\n");
    Echo echo = new Echo();
    CliRun.of(echo, "@" + secret);
    assertEquals(java.util.List.of("@" + secret), echo.words);
    java.nio.file.Files.delete(secret);
  }

  @Test
  void aStackOverflowIsAFailureWithoutATrace() {
    CliRun run = CliRun.of(new Overflowing());
    assertEquals(1, run.code());
    assertEquals("overflowing: failed: the program ran out of stack (input nested too deeply?)\n"
        + "(run again with --debug for details)\n", run.err());
  }

  @Test
  void anErrorInASubcommandIsNamedAfterTheSubcommand() {
    CliRun run = CliRun.of(new Tool(), "exhausting");
    assertEquals(1, run.code());
    assertEquals("exhausting: failed: the program ran out of memory (Java heap space)\n"
        + "(run again with --debug for details)\n", run.err());
  }

  @Test
  void debugShowsTheTraceOfAnError() {
    CliRun run = CliRun.of(new Overflowing(), "--debug");
    assertEquals(1, run.code());
    assertTrue(run.err().contains("java.lang.StackOverflowError\n\tat dev.appliance.env.cli.CliTest$Overflowing.call"),
        run.err());
  }
}
