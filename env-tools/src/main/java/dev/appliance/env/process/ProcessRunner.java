package dev.appliance.env.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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

  /** Runs {@code command}, which must exit 0 within {@code timeout}. */
  public Output run(List<String> command, Duration timeout) throws ProcessException {
    Process process;
    String name = String.join(" ", command.subList(0, Math.min(2, command.size())));
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new ProcessException("cannot start '" + command.get(0) + "': " + e.getMessage(), NO_EXIT, "");
    }
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
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
      return new Output(stdout.join(), stderr.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProcessException("interrupted while running '" + command.get(0) + "'", NO_EXIT, "");
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
