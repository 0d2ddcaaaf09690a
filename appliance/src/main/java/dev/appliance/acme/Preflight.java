package dev.appliance.acme;

import dev.appliance.time.Sleeper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Before the CA is asked: every name resolves, and a probe token written under the challenge path comes back over
 * {@code http://NAME/} from this machine, as the CA will fetch it (Discourse's and mailcow's check). A failure names
 * the name, what it resolved to and what to fix, and no order is placed, so no rate limit is spent on a setup that
 * cannot pass.
 */
final class Preflight {

  /** A name that would fail the CA's validation. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message);
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** A front started a moment ago may not listen yet: a refused connection is tried again this often. */
  static final int ATTEMPTS = 5;
  static final Duration BETWEEN_ATTEMPTS = Duration.ofSeconds(2);

  private final ChallengeFolder challenges;
  private final int httpPort;
  private final Sleeper sleeper;

  /** @param httpPort where the front's HTTP answers: 80, unless a local appliance publishes another */
  Preflight(ChallengeFolder challenges, int httpPort, Sleeper sleeper) {
    this.challenges = challenges;
    this.httpPort = httpPort;
    this.sleeper = sleeper;
  }

  void check(List<String> names) throws Failure, IOException, InterruptedException {
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    String token = "preflight-" + HexFormat.of().formatHex(random);
    String content = token + ".probe";
    challenges.put(token, content);
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
      for (String name : names) {
        check(client, name, token, content);
      }
    } finally {
      challenges.remove(token);
    }
  }

  private void check(HttpClient client, String name, String token, String content) throws Failure, InterruptedException {
    String addresses;
    try {
      addresses = Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress)
          .collect(Collectors.joining(", "));
    } catch (UnknownHostException e) {
      throw new Failure(name + " does not resolve (no DNS A or AAAA record); fix: point " + name
          + " at this machine's public address in your DNS, wait for it to spread, then run: appliance certificate issue");
    }
    URI url = URI.create("http://" + name + (httpPort == 80 ? "" : ":" + httpPort) + "/.well-known/acme-challenge/" + token);
    String answer = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().strip().equals(content)) {
          return;
        }
        answer = "answered " + response.statusCode() + " without the probe (another server answers for " + name + ")";
        break;
      } catch (ConnectException e) {
        answer = "did not answer (connection refused, " + attempt + " times " + BETWEEN_ATTEMPTS.toSeconds() + " s apart)";
        if (attempt < ATTEMPTS) {
          sleeper.sleep(BETWEEN_ATTEMPTS);
        }
      } catch (IOException e) {
        // A timeout is not tried again: 10 s more would change nothing.
        answer = "did not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        break;
      }
    }
    throw new Failure(name + " resolves to " + addresses + ", but " + url + " " + answer + "; the CA would fail the"
        + " same way; fix: point " + name + " at this machine's public address (DNS), and open port " + httpPort
        + " to it from everywhere (cloud firewall, security group, router), then run: appliance certificate issue");
  }
}
