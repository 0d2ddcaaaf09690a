package dev.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.ImagePullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * The test harness works with no registry: Testcontainers starts a container from the base image that
 * bin/offline-base-image made, and nothing is ever pulled.
 */
class LocalBaseImageIT {

  /** The base every image of the project starts FROM. */
  static final DockerImageName BASE = DockerImageName.parse("debian:bookworm-slim");
  /** A missing image fails at once instead of being pulled. */
  static final ImagePullPolicy NEVER_PULL = image -> false;

  @Test
  void aContainerRunsFromTheLocalBaseImage() throws Exception {
    String run = UUID.randomUUID().toString();
    try (GenericContainer<?> debian = new GenericContainer<>(BASE)
        .withImagePullPolicy(NEVER_PULL)
        .withLabels(Map.of("appliance.test", run))
        .withCommand("sleep", "300")) {
      debian.start();
      ExecResult release = debian.execInContainer("cat", "/etc/debian_version");
      assertEquals(0, release.getExitCode());
      assertTrue(release.getStdout().startsWith("12."), "a bookworm base: " + release.getStdout());
      ExecResult sources = debian.execInContainer("cat", "/etc/apt/sources.list");
      assertTrue(sources.getStdout().contains("bookworm-security") && sources.getStdout().contains("bookworm-updates"),
          "security fixes must be able to arrive:\n" + sources.getStdout());
    }
  }
}
