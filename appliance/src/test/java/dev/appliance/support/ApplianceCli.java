package dev.appliance.support;

import dev.appliance.cli.ApplianceCommand;
import dev.appliance.env.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the appliance command in this JVM with a test root, stack and ports, as an operator would from a shell. */
public final class ApplianceCli {

  /** What a run printed and returned. */
  public record Result(int code, String out, String err) {}

  private final List<String> global;

  /** {@code result}, after asserting that it exited 0 (its output in the failure message). */
  public static Result ok(Result result) {
    org.junit.jupiter.api.Assertions.assertEquals(0, result.code(), result.out() + result.err());
    return result;
  }

  public ApplianceCli(Path root, Path stack, int httpPort, int httpsPort) {
    this(root, stack, httpPort, httpsPort, 64);
  }

  public ApplianceCli(Path root, Path stack, int httpPort, int httpsPort, long minimumFreeMib) {
    this.global = List.of("--root", root.toString(), "--stack", stack.toString(), "--http-port", Integer.toString(httpPort),
        "--https-port", Integer.toString(httpsPort), "--min-free", Long.toString(minimumFreeMib));
  }

  private ApplianceCli(List<String> global) {
    this.global = global;
  }

  /** These options without {@code --stack}: commands then take the stack the root records (an update's). */
  public ApplianceCli withRecordedStack() {
    List<String> options = new ArrayList<>(global);
    int at = options.indexOf("--stack");
    options.remove(at + 1);
    options.remove(at);
    return new ApplianceCli(List.copyOf(options));
  }

  /** The global options, for a run in another process. */
  public List<String> globalOptions() {
    return global;
  }

  public Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.run(new ApplianceCommand(), new PrintWriter(out), new PrintWriter(err), all(args));
    return new Result(code, out.toString(), err.toString());
  }

  /** Starts a run in the background; {@code out} receives its lines as they come. */
  public CompletableFuture<Result> start(Writer out, String... args) {
    return CompletableFuture.supplyAsync(() -> {
      StringWriter err = new StringWriter();
      int code = Cli.run(new ApplianceCommand(), new PrintWriter(out, true), new PrintWriter(err), all(args));
      return new Result(code, out.toString(), err.toString());
    });
  }

  /** Starts {@code run} in the background and returns once it says it serves (at most 180 s). */
  public CompletableFuture<Result> startServing(StringWriter out) throws InterruptedException {
    CompletableFuture<Result> supervisor = start(out, "run");
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(180);
    while (!out.toString().contains("serving https://")) {
      org.junit.jupiter.api.Assertions.assertFalse(supervisor.isDone(), () -> "run ended: " + supervisor.join());
      org.junit.jupiter.api.Assertions.assertTrue(java.time.Instant.now().isBefore(deadline),
          () -> "not serving within 180 s: " + out);
      Thread.sleep(200);
    }
    return supervisor;
  }

  /** Starts a run in a process of its own (which a test may kill), its output into {@code log}. */
  public Process startProcess(Path log, String... args) throws IOException {
    return startProcess(log, List.of(), args);
  }

  /** As {@link #startProcess(Path, String...)}, in a JVM started with {@code jvmOptions}. */
  public Process startProcess(Path log, List<String> jvmOptions, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ApplianceCommand.class.getName()));
    command.addAll(List.of(all(args)));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Runs in a JVM of its own started with {@code jvmOptions}, and waits for it (at most 10 minutes). */
  public Result runProcess(Path log, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
    Process process = startProcess(log, jvmOptions, args);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    return new Result(process.exitValue(), Files.readString(log), "");
  }

  private String[] all(String... args) {
    List<String> all = new ArrayList<>(global);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
