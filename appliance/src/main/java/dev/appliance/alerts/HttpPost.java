package dev.appliance.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** One bounded HTTP POST, for the channels that speak HTTP; anything but 2xx is a failure that says what came back. */
final class HttpPost {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client;

  HttpPost() {
    this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /**
   * Posts {@code body} to {@code uri}, named {@code where} in errors (never the URI itself, which may hold a key).
   *
   * @return the status code, 2xx
   */
  int post(URI uri, String where, Map<String, String> headers, String contentType, byte[] body) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new IOException(where + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while posting to " + where, e);
    } catch (IOException e) {
      throw new IOException(where + " cannot be reached: " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      String text = response.body().strip();
      throw new IOException(where + " answered HTTP " + status + (text.isEmpty() ? ""
          : ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text)));
    }
    return status;
  }
}
