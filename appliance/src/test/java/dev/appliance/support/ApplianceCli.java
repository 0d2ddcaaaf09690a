package dev.appliance.support;

import dev.appliance.cli.ApplianceCommand;
import dev.appliance.env.cli.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the appliance command in this JVM with a test root, stack and ports, as an operator would from a shell. */
public final class ApplianceCli {

  /** What a run printed and returned. */
  public record Result(int code, String out, String err) {}

  private final List<String> global;

  public ApplianceCli(Path root, Path stack, int httpPort, int httpsPort) {
    this(root, stack, httpPort, httpsPort, 64);
  }

  public ApplianceCli(Path root, Path stack, int httpPort, int httpsPort, long minimumFreeMib) {
    this.global = List.of("--root", root.toString(), "--stack", stack.toString(), "--http-port", Integer.toString(httpPort),
        "--https-port", Integer.toString(httpsPort), "--min-free", Long.toString(minimumFreeMib));
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

  /** Starts a run in a process of its own (which a test may kill), its output into {@code log}. */
  public Process startProcess(Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ApplianceCommand.class.getName()));
    command.addAll(List.of(all(args)));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private String[] all(String... args) {
    List<String> all = new ArrayList<>(global);
    all.addAll(List.of(args));
    return all.toArray(String[]::new);
  }
}
