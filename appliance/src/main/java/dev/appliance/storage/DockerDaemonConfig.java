package dev.appliance.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Docker's {@code /etc/docker/daemon.json}: its data on {@code /volatile/docker} (images and containers can be
 * rebuilt; they must not fill {@code /data}), every container's log bounded, and {@code live-restore}, so that the
 * containers keep running while dockerd restarts (an upgrade of docker.io). Other settings are kept.
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

  /** What the running engine needs to take a changed file in. */
  public enum Change {
    /** The file holds the appliance's settings already. */
    NONE,
    /** Only {@code live-restore} changed, which {@code systemctl reload docker} applies with the containers running. */
    RELOAD,
    /** The data root or the log settings changed: only a restart of dockerd applies them. */
    RESTART
  }

  private ObjectNode read() throws IOException {
    return Files.isRegularFile(file()) ? (ObjectNode) JSON.readTree(file().toFile()) : JSON.createObjectNode();
  }

  private static ObjectNode withRestartSettings(ObjectNode config) {
    ObjectNode merged = config.deepCopy();
    merged.put("data-root", "/volatile/docker");
    merged.put("log-driver", "json-file");
    ObjectNode logs = merged.has("log-opts") ? (ObjectNode) merged.get("log-opts") : merged.putObject("log-opts");
    logs.put("max-size", "10m");
    logs.put("max-file", "3");
    return merged;
  }

  private static ObjectNode withAllSettings(ObjectNode config) {
    ObjectNode merged = withRestartSettings(config);
    merged.put("live-restore", true);
    return merged;
  }

  /** What merging the appliance's settings into the file would need of the engine. */
  public Change change() throws IOException {
    ObjectNode config = read();
    if (withAllSettings(config).equals(config)) {
      return Change.NONE;
    }
    return withRestartSettings(config).equals(config) ? Change.RELOAD : Change.RESTART;
  }

  /** Whether the file holds the appliance's settings already. */
  public boolean current() throws IOException {
    return change() == Change.NONE;
  }

  /**
   * Merges the appliance's settings into the file.
   *
   * @return what the engine needs to apply it, as {@link #change()} said before
   */
  public Change apply() throws IOException {
    Change change = change();
    if (change != Change.NONE) {
      root.files().write(file(), "rw-r--r--", JSON.writeValueAsString(withAllSettings(read())) + "\n");
    }
    return change;
  }
}
