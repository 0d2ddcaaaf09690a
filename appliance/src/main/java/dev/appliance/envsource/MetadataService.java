package dev.appliance.envsource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * An EC2-style metadata service: {@code BASE/latest/user-data}. No answer, an error status or an answer that is
 * not an env (a cloud-config for another tool, say) all mean "not found".
 */
public record MetadataService(URI base) implements EnvSource {

  /** The link-local address every EC2-compatible cloud serves. */
  public static final String DEFAULT_URL = "http://169.254.169.254";

  @Override
  public String describe() {
    return "metadata service " + userData();
  }

  private URI userData() {
    return URI.create(base.toString().replaceFirst("/+$", "") + "/latest/user-data");
  }

  @Override
  public java.nio.file.Path location() {
    return java.nio.file.Path.of("metadata-user-data");
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(userData()).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return response.statusCode() == 200 && EnvSource.looksLikeEnv(response.body())
          ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
