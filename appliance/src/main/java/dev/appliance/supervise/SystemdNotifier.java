package dev.appliance.supervise;

import dev.appliance.env.process.ProcessRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells systemd about readiness and stopping when run as a {@code Type=notify} service ({@code NOTIFY_SOCKET} set).
 * Java cannot send on a Unix datagram socket, so systemd-notify sends for us, naming our PID (the unit needs
 * {@code NotifyAccess=all}).
 */
public final class SystemdNotifier {

  private final String socket;
  private final Consumer<String> log;

  public SystemdNotifier(String socket, Consumer<String> log) {
    this.socket = socket;
    this.log = log;
  }

  public static SystemdNotifier fromEnvironment(Consumer<String> log) {
    return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"), log);
  }

  public void ready(String status) {
    send("--ready", "--status=" + status);
  }

  public void stopping() {
    send("STOPPING=1");
  }

  private void send(String... arguments) {
    if (socket == null || socket.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("systemd-notify", "--pid=" + ProcessHandle.current().pid()));
    command.addAll(List.of(arguments));
    try {
      new ProcessRunner().run(command, Duration.ofSeconds(10));
    } catch (ProcessRunner.ProcessException e) {
      log.accept("could not notify systemd: " + e.getMessage());
    }
  }
}
