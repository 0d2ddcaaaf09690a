package dev.appliance.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Commands in the guest over SSH, as one user with one key, through one forwarded port. */
final class GuestShell {

  /** What a command printed (standard output and error) and its exit code. */
  record Result(int code, String out) {}

  private final Path key;
  private final int port;
  private final String user;

  GuestShell(Path key, int port, String user) {
    this.key = key;
    this.port = port;
    this.user = user;
  }

  /** The same key and port as another user. */
  GuestShell as(String otherUser) {
    return new GuestShell(key, port, otherUser);
  }

  Result run(String command, Duration timeout) throws IOException, InterruptedException {
    return ssh(command, timeout, "-i", key.toString(), "-o", "ConnectTimeout=30");
  }

  /** A login without keys, offering only passwords and keyboard-interactive: what the server lists as allowed. */
  Result withoutKeys(Duration timeout) throws IOException, InterruptedException {
    return ssh("true", timeout, "-o", "PubkeyAuthentication=no",
        "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "ConnectTimeout=30");
  }

  /** Whether the port answers SSH at all within {@code timeout} (a firewall's drop does not). */
  Result reach(Duration connectTimeout) throws IOException, InterruptedException {
    return ssh("true", connectTimeout.plusSeconds(30), "-i", key.toString(),
        "-o", "ConnectTimeout=" + connectTimeout.toSeconds(), "-o", "ConnectionAttempts=1");
  }

  private Result ssh(String command, Duration timeout, String... options) throws IOException, InterruptedException {
    List<String> ssh = new ArrayList<>(List.of("ssh", "-p", String.valueOf(port)));
    ssh.addAll(List.of(options));
    ssh.addAll(List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes", "-o", "ServerAliveInterval=15", "-o", "LogLevel=ERROR", user + "@127.0.0.1", command));
    Path out = Files.createTempFile("guest", ".out");
    try {
      Process process = new ProcessBuilder(ssh).redirectErrorStream(true).redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "timed out after " + timeout + ": " + command);
      }
      return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Runs {@code command} until it succeeds or {@code within} has passed; the last result. */
  Result awaitSuccess(String command, Duration within) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(within);
    Result result = run(command, Duration.ofMinutes(2));
    while (result.code() != 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(5000);
      result = run(command, Duration.ofMinutes(2));
    }
    return result;
  }
}
