package dev.appliance.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container registry on a free port of 127.0.0.1 for the update tests: Debian's docker-registry (the
 * distribution registry), its storage in {@code dir/storage}. Docker talks plain HTTP to registries on 127.0.0.0/8.
 */
public final class RegistryServer implements AutoCloseable {

  private final int port;
  private final ServerProcess process;

  private RegistryServer(int port, ServerProcess process) {
    this.port = port;
    this.process = process;
  }

  public static RegistryServer start(Path dir) throws IOException, InterruptedException {
    int port = TestEnvs.freePort();
    Path config = Files.writeString(Files.createDirectories(dir).resolve("config.yml"), String.join("\n",
        "version: 0.1",
        "log: {level: warn}",
        "storage:",
        "  filesystem: {rootdirectory: " + dir.resolve("storage") + "}",
        "http:",
        "  addr: 127.0.0.1:" + port,
        ""));
    return new RegistryServer(port, ServerProcess.start(List.of("docker-registry", "serve", config.toString()), port,
        dir.resolve("registry.log"), "docker-registry"));
  }

  /** {@code 127.0.0.1:PORT}, the registry part of its images' names. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.stop();
  }
}
