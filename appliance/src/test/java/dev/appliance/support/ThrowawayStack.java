package dev.appliance.support;

import com.github.dockerjava.api.DockerClient;
import dev.appliance.docker.DockerClients;
import dev.appliance.images.ImageLabels;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;

/**
 * A stack name of a test's own on the real engine (other tests may run beside it), and the removal of whatever the
 * test created under it: its containers and its network.
 */
public final class ThrowawayStack implements AutoCloseable {

  public final String name = "it-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  public void close() throws IOException {
    try (DockerClient docker = DockerClients.connect()) {
      docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, name)).exec()
          .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      docker.listNetworksCmd().withNameFilter(name).exec().stream().filter(n -> n.getName().equals(name))
          .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
    }
  }
}
