package dev.appliance.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The front proxy's plain-HTTP answer to the ACME challenge path, for tests without Docker: a server on 127.0.0.1
 * that serves the files under ROOT/app/etc/front/acme as nginx does.
 */
public final class ChallengeServer implements AutoCloseable {

  private final HttpServer server;

  public ChallengeServer(Path root) throws IOException {
    Path folder = root.resolve("app/etc/front/acme");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/acme-challenge/", exchange -> {
      Path file = folder.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      byte[] body = file.startsWith(folder) && Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
      exchange.sendResponseHeaders(body.length > 0 ? 200 : 404, body.length > 0 ? body.length : -1);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
