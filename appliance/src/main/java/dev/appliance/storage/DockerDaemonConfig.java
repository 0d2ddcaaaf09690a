package dev.appliance.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Docker's {@code /etc/docker/daemon.json}: its data on {@code /volatile/docker} (images and containers can be
 * rebuilt; they must not fill {@code /data}) and every container's log bounded. Other settings are kept.
 */
public final class DockerDaemonConfig {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HostRoot root;

  public DockerDaemonConfig(HostRoot root) {
    this.root = root;
  }

  public Path file() {
    return root.resolve("/etc/docker/daemon.json");
  }

  /** The file with the appliance's settings merged in, if that differs from what is there. */
  private Optional<String> merged() throws IOException {
    ObjectNode config = Files.isRegularFile(file()) ? (ObjectNode) JSON.readTree(file().toFile()) : JSON.createObjectNode();
    ObjectNode before = config.deepCopy();
    config.put("data-root", "/volatile/docker");
    config.put("log-driver", "json-file");
    ObjectNode logs = config.has("log-opts") ? (ObjectNode) config.get("log-opts") : config.putObject("log-opts");
    logs.put("max-size", "10m");
    logs.put("max-file", "3");
    return config.equals(before) ? Optional.empty() : Optional.of(JSON.writeValueAsString(config) + "\n");
  }

  /** Whether the file holds the appliance's settings already. */
  public boolean current() throws IOException {
    return merged().isEmpty();
  }

  /**
   * Merges the appliance's settings into the file.
   *
   * @return whether it changed (the engine must then be restarted to apply it)
   */
  public boolean apply() throws IOException {
    Optional<String> merged = merged();
    if (merged.isPresent()) {
      root.files().write(file(), "rw-r--r--", merged.get());
    }
    return merged.isPresent();
  }
}
