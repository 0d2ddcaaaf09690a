package dev.appliance.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.images.ImageLabels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's containers as the engine lists them, asked with one plain HTTP request on Docker's Unix socket.
 * {@code status} must answer within half a second, and starting docker-java alone takes most of that.
 */
public final class EngineListing {

  /** One container: its service label, state ({@code running}, {@code exited} ...) and status text. */
  public record Row(String service, String state, String status) {}

  private final Path socket;

  public EngineListing(Path socket) {
    this.socket = socket;
  }

  /** The engine named by DOCKER_HOST if it is a Unix socket, else the usual socket. */
  public static EngineListing local() {
    String host = System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock");
    return new EngineListing(Path.of(host.startsWith("unix://") ? host.substring("unix://".length()) : "/var/run/docker.sock"));
  }

  /** The containers labelled as {@code stack}'s, running or not. */
  public List<Row> containers(String stack) throws IOException {
    String filters = "{\"label\":[\"" + ImageLabels.MANAGED + "=true\",\"" + ImageLabels.STACK + "=" + stack + "\"]}";
    String request = "GET /containers/json?all=1&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8)
        + " HTTP/1.0\r\nHost: docker\r\n\r\n";
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
      ByteBuffer buffer = ByteBuffer.allocate(16384);
      while (channel.read(buffer) >= 0) {
        response.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
    }
    String text = response.toString(StandardCharsets.UTF_8);
    int body = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || body < 0 || !text.substring(0, text.indexOf("\r\n")).contains(" 200 ")) {
      throw new IOException("unexpected answer from the engine: " + text.lines().findFirst().orElse("(nothing)"));
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode container : new ObjectMapper().readTree(text.substring(body + 4))) {
      rows.add(new Row(container.path("Labels").path(ImageLabels.SERVICE).asText(""), container.path("State").asText(""),
          container.path("Status").asText("")));
    }
    return rows;
  }
}
