package dev.appliance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.appliance.containers.StackCleanup;
import dev.appliance.containers.StackContainers;
import dev.appliance.docker.DockerClients;
import dev.appliance.docker.DockerEngine;
import dev.appliance.host.HostRoot;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the real engine: a container of someone else that bears one of the stack's names is left alone and reported. */
class ForeignContainerIT {

  @TempDir
  Path dir;

  private final String stackName = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final DockerClient docker = DockerClients.connect();
  private String foreign;

  @AfterEach
  void removeTheForeignContainer() throws Exception {
    if (foreign != null) {
      docker.removeContainerCmd(foreign).withForce(true).exec();
    }
    docker.close();
  }

  @Test
  void aForeignContainerNamedLikeTheStacksIsNeitherReplacedNorCleanedUp() throws Exception {
    // Another tool's container, without the appliance's labels, under the name the stack's redis would get.
    foreign = docker.createContainerCmd("debian:bookworm-slim").withName(stackName + "-redis")
        .withCmd("sleep", "300").withLabels(Map.of("org.example.owner", "another-tool")).exec().getId();
    docker.startContainerCmd(foreign).exec();
    Path stackFile = Files.writeString(dir.resolve("stack.yml"), "name: " + stackName + "\nx-appliance:\n"
        + "  web: {service: redis, port: 6379}\nservices:\n  redis: {image: appliance/redis:7}\n");
    Stack stack = StackFile.read(stackFile, Interpolation.deferred());
    List<String> log = new ArrayList<>();

    try (Engine engine = DockerEngine.connect(log::add)) {
      StackContainers containers = new StackContainers(engine, stack, new HostRoot(dir.resolve("root")), Map.of(),
          Clock.systemUTC(), Sleeper.real(), log::add);
      ForeignResourceException refused = assertThrows(ForeignResourceException.class, () -> containers.ensureRunning("redis"));
      assertTrue(refused.getMessage().contains(stackName + "-redis") && refused.getMessage().contains("docker rm -f"),
          refused.getMessage());
      new StackCleanup(engine, stack, log::add).run();
    }

    var still = docker.inspectContainerCmd(stackName + "-redis").exec();
    assertEquals(foreign, still.getId(), "the same container");
    assertTrue(still.getState().getRunning(), "still running");
    assertEquals("another-tool", still.getConfig().getLabels().get("org.example.owner"));
    assertTrue(log.stream().noneMatch(l -> l.startsWith("removing") || l.startsWith("stopping")), log.toString());
  }
}
