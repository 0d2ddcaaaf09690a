package dev.appliance.supervise;

import dev.appliance.env.process.ProcessRunner;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells systemd about readiness and stopping when run as a {@code Type=notify} service ({@code NOTIFY_SOCKET} set).
 * Java cannot send on a Unix datagram socket, so systemd-notify sends for us, naming our PID (the unit needs
 * {@code NotifyAccess=all}).
 */
public final class SystemdNotifier {

  private final String socket;
  private final ProcessRunner processes;
  private final Consumer<String> log;

  public SystemdNotifier(String socket, ProcessRunner processes, Consumer<String> log) {
    this.socket = socket;
    this.processes = processes;
    this.log = log;
  }

  public static SystemdNotifier fromEnvironment(ProcessRunner processes, Consumer<String> log) {
    return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"), processes, log);
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
    try {
      processes.run(SystemctlCommands.notify(ProcessHandle.current().pid(), List.of(arguments)), Duration.ofSeconds(10));
    } catch (ProcessRunner.ProcessException e) {
      log.accept("could not notify systemd: " + e.getMessage());
    }
  }
}
