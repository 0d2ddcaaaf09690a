package dev.appliance.reference;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/** The stack's postgres and redis, built from containers/ (nothing pulled), their data in host directories. */
final class DataServices {

  private static final Path CONTAINERS = Path.of("..");

  private DataServices() {}

  /** postgres, as {@code postgres} on {@code network}, with the database {@code app} of the role {@code app}. */
  static GenericContainer<?> postgres(Network network, Path data, String password) {
    return new GenericContainer<>(new ImageFromDockerfile("appliance/postgres:15", false).withFileFromPath(".", CONTAINERS.resolve("postgres")))
        .withNetwork(network).withNetworkAliases("postgres")
        .withEnv(Map.of("POSTGRES_DB", "app", "POSTGRES_PASSWORD", password))
        .withCreateContainerCmdModifier(bind(data.resolve("postgresql"), "/data/postgresql"))
        .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
  }

  /** redis, as {@code redis} on {@code network}. */
  static GenericContainer<?> redis(Network network, Path data) {
    return new GenericContainer<>(new ImageFromDockerfile("appliance/redis:7", false).withFileFromPath(".", CONTAINERS.resolve("redis")))
        .withNetwork(network).withNetworkAliases("redis")
        .withCreateContainerCmdModifier(bind(data.resolve("redis"), "/volatile/redis"))
        .waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(2)));
  }

  /** A bind mount, as the appliance makes them: host directories under /data and /volatile. */
  static Consumer<CreateContainerCmd> bind(Path host, String container) {
    return cmd -> cmd.getHostConfig().withBinds(Bind.parse(host + ":" + container));
  }
}
