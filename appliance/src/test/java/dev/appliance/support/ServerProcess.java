package dev.appliance.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server of the tests in a process of its own, its output in a log file, ready once it accepts connections on its
 * port of 127.0.0.1. Shared by the backup servers, which stop and start theirs again on the same port.
 */
final class ServerProcess {

  private static final Duration START = Duration.ofSeconds(20);

  private final Process process;
  private final Path log;

  private ServerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Runs {@code command} (its output appended to {@code log}) and waits until it listens on {@code port}.
   * {@code install} is the package that brings the program, for the message when it is missing.
   */
  static ServerProcess start(List<String> command, int port, Path log, String install)
      throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage() + "); install it with:"
          + " apt-get install " + install, e);
    }
    ServerProcess server = new ServerProcess(process, log);
    try {
      server.awaitListening(command.get(0), port);
    } catch (RuntimeException | IOException | InterruptedException e) {
      server.stop();
      throw e;
    }
    return server;
  }

  String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM, then SIGKILL after 10 s (at once when interrupted); returns once the process has ended. */
  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitListening(String program, int port) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(program + " ended (exit " + process.exitValue() + "):\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(program + " does not listen on 127.0.0.1:" + port + " after " + START.toSeconds()
        + " s:\n" + log());
  }
}
