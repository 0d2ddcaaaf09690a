package dev.appliance.env.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real tools the tests check against (pdftoppm, zbarimg, xorriso, gpg, ...). */
public final class Programs {

  private Programs() {}

  /**
   * What a program did.
   *
   * @param code its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Run(int code, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code command} in {@code dir} and returns what it did, whatever its exit code. */
  public static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), String.join(" ", command) + " did not finish");
    return new Run(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
  }

  /** Runs {@code command}, which must succeed, and returns its standard output. */
  public static Run ok(Path dir, String... command) throws IOException, InterruptedException {
    Run run = run(dir, List.of(command));
    if (run.code() != 0) {
      throw new AssertionError("'" + String.join(" ", command) + "' failed (exit " + run.code() + "):\n" + run.stderr());
    }
    return run;
  }

  private static byte[] read(java.io.InputStream stream) {
    try (stream) {
      return stream.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
