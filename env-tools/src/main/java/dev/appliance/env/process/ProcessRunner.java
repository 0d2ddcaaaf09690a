package dev.appliance.env.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a program with its arguments (never through a shell) and collects its output. */
public class ProcessRunner {

  /**
   * What a finished program printed.
   *
   * @param stdout standard output
   * @param stderr standard error
   */
  public record Output(String stdout, String stderr) {}

  /** A program that failed, timed out or could not start; the message names it and quotes its stderr. */
  public static final class ProcessException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProcessException(String message) {
      super(message);
    }
  }

  /** Runs {@code command}, which must exit 0 within {@code timeout}. */
  public Output run(List<String> command, Duration timeout) throws ProcessException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new ProcessException("cannot start '" + command.get(0) + "': " + e.getMessage());
    }
    CompletableFuture<String> stdout = drain(process.getInputStream());
    CompletableFuture<String> stderr = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new ProcessException("'" + String.join(" ", command.subList(0, Math.min(2, command.size())))
            + "' did not finish within " + timeout.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new ProcessException("'" + String.join(" ", command.subList(0, Math.min(2, command.size()))) + "' failed (exit "
            + process.exitValue() + "): " + stderr.join().strip());
      }
      return new Output(stdout.join(), stderr.join());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProcessException("interrupted while running '" + command.get(0) + "'");
    }
  }

  /** The first of {@code programs} found on the PATH, if any. */
  public static java.util.Optional<String> firstOnPath(String... programs) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String program : programs) {
      for (String dir : path.split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
          return java.util.Optional.of(program);
        }
      }
    }
    return java.util.Optional.empty();
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
