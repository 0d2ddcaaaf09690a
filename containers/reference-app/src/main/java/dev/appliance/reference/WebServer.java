package dev.appliance.reference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The web command: {@code POST /documents?name=N} (the body is the file; 201, or 507 when the storage is full and 503
 * when the document cannot be stored otherwise, both leaving nothing behind), {@code GET /documents} (JSON),
 * {@code GET /documents/ID} (the content), {@code GET /healthz} (200 when the database and Redis answer),
 * {@code GET /version}, {@code GET /client-certificate} (the front proxy's client-certificate headers as received)
 * and {@code GET /} (a page with the version and the documents).
 */
final class WebServer {

  private final Settings settings;
  private final Documents documents;
  private final Vault vault;
  private final Queue queue;

  WebServer(Settings settings) {
    this.settings = settings;
    this.documents = new Documents(settings);
    this.vault = new Vault(settings.vault());
    this.queue = new Queue(settings);
  }

  /** Starts serving on the settings' port (0: any free one) and returns the server, which stops on shutdown. */
  HttpServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(settings.port()), 64);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", this::handle);
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(1)));
    System.out.println("reference-app: web " + settings.version() + " listening on port " + server.getAddress().getPort());
    return server;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/healthz")) {
        health(exchange);
      } else if (path.equals("/version")) {
        send(exchange, 200, "text/plain", settings.version() + "\n");
      } else if (path.equals("/client-certificate")) {
        send(exchange, 200, "text/plain", clientCertificate(exchange));
      } else if (path.equals("/documents") && method.equals("POST")) {
        upload(exchange);
      } else if (path.equals("/documents")) {
        send(exchange, 200, "application/json", Json.documents(documents.list()));
      } else if (path.startsWith("/documents/")) {
        download(exchange, path.substring("/documents/".length()));
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8", Page.render(settings.version(), documents.list()));
      } else {
        send(exchange, 404, "text/plain", "not found\n");
      }
    } catch (Exception e) {
      System.err.println("reference-app: " + exchange.getRequestURI() + ": " + e);
      send(exchange, 500, "text/plain", "internal error\n");
    }
  }

  private void health(HttpExchange exchange) throws IOException {
    try (Connection c = documents.connect()) {
      boolean ok = c.isValid(2) && queue.alive();
      send(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "not ready\n");
    } catch (Exception e) {
      send(exchange, 503, "text/plain", "not ready: " + e.getMessage() + "\n");
    }
  }

  /** What the front proxy says of the visitor's client certificate, one header a line ("-" for one not sent). */
  private static String clientCertificate(HttpExchange exchange) {
    StringBuilder text = new StringBuilder();
    for (String header : new String[] {"X-Ssl-Client-Verify", "X-Ssl-Client-Serial", "X-Ssl-Client-S-Dn"}) {
      text.append(header).append(": ").append(Optional.ofNullable(exchange.getRequestHeaders().getFirst(header)).orElse("-"))
          .append('\n');
    }
    return text.toString();
  }

  private void upload(HttpExchange exchange) throws Exception {
    String query = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
    String name = query.startsWith("name=") ? URLDecoder.decode(query.substring(5), StandardCharsets.UTF_8) : "";
    if (name.isBlank()) {
      send(exchange, 400, "text/plain", "give the file name as ?name=...\n");
      return;
    }
    long id;
    try (InputStream body = exchange.getRequestBody()) {
      try (Vault.Received received = vault.receive(body)) {
        id = documents.add(name, received);
      } catch (IOException | SQLException e) {
        System.err.println("reference-app: " + name + " not stored: " + e.getMessage());
        // Read to the end, so that the client (or the front proxy) gets this answer rather than a broken connection.
        body.transferTo(OutputStream.nullOutputStream());
        if (e instanceof Vault.FullException) {
          send(exchange, 507, "text/plain", "not stored: the server's storage is full\n");
        } else {
          send(exchange, 503, "text/plain", "not stored: the server cannot store documents now; try again later\n");
        }
        return;
      }
    }
    queue.push(id);
    send(exchange, 201, "application/json", "{\"id\":" + id + "}\n");
  }

  private void download(HttpExchange exchange, String idText) throws Exception {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      send(exchange, 404, "text/plain", "not found\n");
      return;
    }
    Optional<Documents.Document> document = documents.get(id);
    if (document.isEmpty() || !Files.exists(vault.file(id))) {
      send(exchange, 404, "text/plain", "not found\n");
      return;
    }
    documents.countDownload(id);
    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
    exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + document.get().name().replace("\"", "") + "\"");
    exchange.sendResponseHeaders(200, Files.size(vault.file(id)));
    try (OutputStream out = exchange.getResponseBody()) {
      Files.copy(vault.file(id), out);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
