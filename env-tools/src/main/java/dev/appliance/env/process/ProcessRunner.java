package dev.appliance.env.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a program with its arguments (never through a shell) and collects its output. The one place that starts
 * programs: callers get it injected and build their argument lists with the {@code *Commands} builders, so tests can
 * give them a runner that records instead.
 */
public class ProcessRunner {

  /** The exit code of a program that did not exit by itself (it could not start, or timed out). */
  public static final int NO_EXIT = -1;

  /**
   * What a finished program printed.
   *
   * @param stdout standard output
   * @param stderr standard error
   */
  public record Output(String stdout, String stderr) {}

  /**
   * A program that failed, timed out or could not start. The message names it and quotes its stderr; callers decide
   * on {@link #exitCode()}, never on the text.
   */
  public static final class ProcessException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String stderr;

    public ProcessException(String message, int exitCode, String stderr) {
      super(message);
      this.exitCode = exitCode;
      this.stderr = stderr;
    }

    /** The program's exit code, or {@link #NO_EXIT}. */
    public int exitCode() {
      return exitCode;
    }

    public String stderr() {
      return stderr;
    }
  }

  /**
   * A program with what it needs beyond its arguments: variables added to this process's environment (where secrets
   * go as file names, never as values on the command line) and a working directory.
   */
  public record Invocation(List<String> command, Map<String, String> environment, Optional<Path> directory) {

    public Invocation {
      command = List.copyOf(command);
      environment = Map.copyOf(environment);
    }

    public static Invocation of(List<String> command) {
      return new Invocation(command, Map.of(), Optional.empty());
    }

    public Invocation in(Path dir) {
      return new Invocation(command, environment, Optional.of(dir));
    }

    /** The program and its first argument, for messages. */
    String name() {
      return String.join(" ", command.subList(0, Math.min(2, command.size())));
    }
  }

  /** Runs {@code command}, which must exit 0 within {@code timeout}. */
  public Output run(List<String> command, Duration timeout) throws ProcessException {
    return run(Invocation.of(command), timeout);
  }

  /** Runs {@code invocation}, which must exit 0 within {@code timeout}. */
  public Output run(Invocation invocation, Duration timeout) throws ProcessException {
    Started started = start(invocation);
    started.closeInput();
    return started.finish(timeout);
  }

  /**
   * Runs {@code invocation} handing each line of its standard output to {@code lines} as it comes (a long program's
   * progress); the program must exit 0 within {@code timeout}. The output's stdout is empty.
   */
  public Output run(Invocation invocation, Duration timeout, Consumer<String> lines) throws ProcessException {
    Started started = start(invocation);
    started.closeInput();
    return started.finish(timeout, lines);
  }

  /**
   * Starts {@code invocation} with each line of its standard output handed to {@code lines} from the start (so that
   * a program that prints while it reads, like restic's progress, never stalls on a full pipe); its standard input
   * is the caller's to write, then {@link Started#finish(Duration)}.
   */
  public Started start(Invocation invocation, Consumer<String> lines) throws ProcessException {
    Started started = start(invocation);
    started.readLines(lines);
    return started;
  }

  /** Starts {@code invocation}: its standard input and output are the caller's to write and read. */
  public Started start(Invocation invocation) throws ProcessException {
    ProcessBuilder builder = new ProcessBuilder(invocation.command());
    builder.environment().putAll(invocation.environment());
    invocation.directory().ifPresent(dir -> builder.directory(dir.toFile()));
    try {
      return new Started(invocation.name(), builder.start());
    } catch (IOException e) {
      throw new ProcessException("cannot start '" + invocation.command().get(0) + "': " + e.getMessage(), NO_EXIT, "");
    }
  }

  /** A started program; its standard error is collected in the background. */
  public static final class Started implements AutoCloseable {

    private final String name;
    private final Process process;
    private final CompletableFuture<String> stderr;
    private CompletableFuture<Void> lines;

    private Started(String name, Process process) {
      this.name = name;
      this.process = process;
      this.stderr = drain(process.getErrorStream());
    }

    public OutputStream stdin() {
      return process.getOutputStream();
    }

    /** The end of its input, for a program that reads none. */
    public void closeInput() {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        // it exited already: its exit code says how
      }
    }

    public InputStream stdout() {
      return process.getInputStream();
    }

    /**
     * Waits for the program, which must exit 0 within {@code timeout}; its standard output is returned whole, unless
     * it went to the line consumer it was started with.
     */
    public Output finish(Duration timeout) throws ProcessException {
      if (lines != null) {
        await(timeout);
        lines.join();
        return new Output("", stderr.join());
      }
      CompletableFuture<String> stdout = drain(process.getInputStream());
      await(timeout);
      return new Output(stdout.join(), stderr.join());
    }

    /** Waits for the program, which must exit 0 within {@code timeout}, handing each line of its output to {@code lines}. */
    public Output finish(Duration timeout, Consumer<String> lines) throws ProcessException {
      readLines(lines);
      return finish(timeout);
    }

    private void readLines(Consumer<String> consumer) {
      lines = CompletableFuture.runAsync(() -> {
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          reader.lines().forEach(consumer);
        } catch (IOException | java.io.UncheckedIOException e) {
          // the program is gone; its exit code says how it ended
        }
      });
    }

    /** What the program wrote on standard error so far, once it has ended (after {@link #close}). */
    public String errors(Duration patience) {
      try {
        process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
        return stderr.getNow("").strip();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }

    private void await(Duration timeout) throws ProcessException {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new ProcessException("'" + name + "' did not finish within " + timeout.toSeconds() + " s", NO_EXIT, "");
        }
        if (process.exitValue() != 0) {
          String errors = stderr.join().strip();
          throw new ProcessException("'" + name + "' failed (exit " + process.exitValue() + "): " + errors,
              process.exitValue(), errors);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new ProcessException("interrupted while running '" + name + "'", NO_EXIT, "");
      }
    }

    /** Ends the program now (a failed pipe into it); {@link #finish} then reports how it ended. */
    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  /** The first of {@code programs} found on the PATH, if any. */
  public static Optional<String> firstOnPath(String... programs) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String program : programs) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
          return Optional.of(program);
        }
      }
    }
    return Optional.empty();
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
