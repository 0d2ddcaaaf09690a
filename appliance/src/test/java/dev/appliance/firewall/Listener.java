package dev.appliance.firewall;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A program that answers HTTP 200 on each port given, started by {@link FirewallIT} inside a network namespace
 * (through {@code ip netns exec}) to stand for sshd, a host service and a container behind a published port.
 */
public final class Listener {

  private Listener() {}

  public static void main(String[] ports) throws IOException {
    for (String port : ports) {
      ServerSocket server = new ServerSocket(Integer.parseInt(port));
      Thread thread = new Thread(() -> serve(server));
      thread.start();
    }
    System.out.println("listening");
  }

  private static void serve(ServerSocket server) {
    while (true) {
      try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
        out.write("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n".getBytes(StandardCharsets.US_ASCII));
      } catch (IOException e) {
        // the next client
      }
    }
  }
}
