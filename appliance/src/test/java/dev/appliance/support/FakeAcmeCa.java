package dev.appliance.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for an ACME CA on 127.0.0.1 that speaks just enough of RFC 8555 for a client to register and place an
 * order, which it then refuses with the problem the test sets: the rate limit with its Retry-After (which Pebble
 * cannot send), or a server error. It records the path of every request.
 */
public final class FakeAcmeCa implements AutoCloseable {

  public final List<String> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile String problemType = "urn:ietf:params:acme:error:serverInternal";
  private volatile int status = 500;
  private volatile String retryAfter;
  private volatile String renewalWindow;
  private volatile boolean html;

  public FakeAcmeCa() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  /** The next orders are refused with 429 rateLimited and {@code Retry-After: seconds}. */
  public FakeAcmeCa rateLimiting(long seconds) {
    problemType = "urn:ietf:params:acme:error:rateLimited";
    status = 429;
    retryAfter = Long.toString(seconds);
    return this;
  }

  /** The next orders fail with 500 serverInternal. */
  public FakeAcmeCa failing() {
    problemType = "urn:ietf:params:acme:error:serverInternal";
    status = 500;
    retryAfter = null;
    return this;
  }

  /** Every answer is an HTML page, as from a web server that is not a CA. */
  public FakeAcmeCa answeringHtml() {
    html = true;
    return this;
  }

  /** The CA offers renewal information (ARI), suggesting the window from {@code start} to {@code end}. */
  public FakeAcmeCa suggestingRenewal(java.time.Instant start, java.time.Instant end) {
    renewalWindow = "{\"suggestedWindow\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}";
    return this;
  }

  public URI directory() {
    return url("/dir");
  }

  /** How many orders were placed. */
  public long orders() {
    return requests.stream().filter("POST /new-order"::equals).count();
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void answer(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    exchange.getResponseHeaders().add("Replay-Nonce", UUID.randomUUID().toString().replace("-", ""));
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    if (html) {
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      byte[] page = "<html><body>Welcome to nginx!</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
      return;
    }
    switch (path) {
      case "/dir" -> json(exchange, 200, "{\"newNonce\":\"" + url("/new-nonce") + "\",\"newAccount\":\"" + url("/new-acct")
          + "\",\"newOrder\":\"" + url("/new-order") + (renewalWindow == null ? "" : "\",\"renewalInfo\":\""
          + url("/renewal-info")) + "\",\"meta\":{\"termsOfService\":\"" + url("/terms") + "\"}}");
      case "/new-nonce" -> {
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("HEAD") ? 200 : 204, -1);
        exchange.close();
      }
      case "/new-acct" -> {
        exchange.getResponseHeaders().add("Location", url("/acct/1").toString());
        json(exchange, 201, "{\"status\":\"valid\",\"orders\":\"" + url("/acct/1/orders") + "\"}");
      }
      case "/new-order" -> {
        if (retryAfter != null) {
          exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        byte[] body = ("{\"type\":\"" + problemType + "\",\"detail\":\"refused by the test CA\",\"status\":" + status + "}")
            .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      }
      default -> {
        if (path.startsWith("/renewal-info/") && renewalWindow != null) {
          exchange.getResponseHeaders().add("Retry-After", "21600");
          json(exchange, 200, renewalWindow);
        } else {
          json(exchange, 404, "{}");
        }
      }
    }
  }

  private static void json(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
