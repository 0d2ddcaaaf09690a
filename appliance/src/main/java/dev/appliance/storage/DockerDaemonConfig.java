package dev.appliance.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appliance.env.files.AtomicWriter;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker's {@code /etc/docker/daemon.json}: its data on {@code /volatile/docker} (images and containers can be
 * rebuilt; they must not fill {@code /data}) and every container's log bounded. Other settings are kept.
 */
public final class DockerDaemonConfig {

  private final HostRoot root;

  public DockerDaemonConfig(HostRoot root) {
    this.root = root;
  }

  public Path file() {
    return root.resolve("/etc/docker/daemon.json");
  }

  /**
   * Merges the appliance's settings into the file.
   *
   * @return whether it changed (the engine must then be restarted to apply it)
   */
  public boolean apply() throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode config = Files.isRegularFile(file()) ? (ObjectNode) json.readTree(file().toFile()) : json.createObjectNode();
    ObjectNode before = config.deepCopy();
    config.put("data-root", "/volatile/docker");
    config.put("log-driver", "json-file");
    ObjectNode logs = config.has("log-opts") ? (ObjectNode) config.get("log-opts") : config.putObject("log-opts");
    logs.put("max-size", "10m");
    logs.put("max-file", "3");
    if (config.equals(before)) {
      return false;
    }
    AtomicWriter.replace(file(), "rw-r--r--", json.writeValueAsString(config) + "\n");
    return true;
  }
}
