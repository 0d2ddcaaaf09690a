package dev.appliance.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.containers.StackContainers;
import dev.appliance.engine.Engine;
import dev.appliance.engine.PortTakenException;
import dev.appliance.host.HostRoot;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.support.ThrowawayStack;
import dev.appliance.time.Sleeper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the real engine: a container whose published port another program holds fails saying which port and how to find it. */
class PortTakenIT {

  @TempDir
  Path dir;

  private final ThrowawayStack throwaway = new ThrowawayStack();
  private final String stackName = throwaway.name;

  @AfterEach
  void removeTheStacksContainerAndNetwork() throws Exception {
    throwaway.close();
  }

  @Test
  void aTakenPortNamesThePortTheOptionsAndHowToFindItsHolder() throws Exception {
    try (ServerSocket holder = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = holder.getLocalPort();
      Path stackFile = Files.writeString(dir.resolve("stack.yml"), "name: " + stackName + "\nx-appliance:\n"
          + "  web: {service: web, port: 80}\nservices:\n  web:\n    image: debian:bookworm-slim\n"
          + "    command: [sleep, '300']\n    ports: ['127.0.0.1:" + port + ":80']\n");
      Stack stack = StackFile.read(stackFile, Interpolation.deferred());
      List<String> log = new ArrayList<>();

      try (Engine engine = DockerEngine.connect(log::add)) {
        StackContainers containers = new StackContainers(engine, stack, new HostRoot(dir.resolve("root")), Map.of(),
            Clock.systemUTC(), Sleeper.real(), log::add);
        containers.network().ensure();
        PortTakenException taken = assertThrows(PortTakenException.class, () -> containers.ensureRunning("web"));

        assertEquals(port, taken.port());
        String message = taken.getMessage();
        assertTrue(message.startsWith(stackName + "-web cannot start: port " + port + " on 127.0.0.1 is taken;"), message);
        assertTrue(message.contains("ss -ltnp 'sport = :" + port + "'"), message);
        assertTrue(message.contains("publish web on another port") && message.contains("--http-port and --https-port")
            && message.contains("'ports' in the stack file"), message);
        assertTrue(!message.contains("Status 500") && !message.contains("{\"message\""), "no raw engine answer: " + message);
      }
    }
  }
}
