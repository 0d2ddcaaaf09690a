package dev.appliance.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.time.Duration;

/** Opens a docker-java client to the engine named by DOCKER_HOST, or to /var/run/docker.sock. */
public final class DockerClients {

  private DockerClients() {}

  /**
   * A client to the local engine. The API version is left to the engine (pinning one fails against older or newer
   * engines); image builds and archives may take minutes, hence the long response timeout.
   */
  public static DockerClient connect() {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(20)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(30))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
