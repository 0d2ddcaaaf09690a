package dev.appliance.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sentry: each message as one event in an envelope (Sentry's documented envelope protocol, POST
 * {@code /api/PROJECT/envelope/}), with the level, the tags domain, environment, unit and key, and nothing else: no
 * user, no server name, no breadcrumbs, no status lines. The SDK was not used because it reports a failed send to no
 * caller, and {@code alert test} and {@code status} must say whether Sentry took the event.
 */
final class SentryChannel implements Channel {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String publicKey;
  private final String where;
  private final HttpPost http;
  private final Clock clock;

  SentryChannel(URI dsn, HttpPost http, Clock clock) {
    // https://PUBLIC_KEY@HOST[:PORT][/PATH]/PROJECT
    String path = Optional.ofNullable(dsn.getPath()).orElse("");
    int slash = path.lastIndexOf('/');
    String project = path.substring(slash + 1);
    if (dsn.getUserInfo() == null || project.isEmpty() || dsn.getHost() == null) {
      throw new IllegalArgumentException("alert/sentry_dsn: not a Sentry DSN (https://KEY@HOST/PROJECT)");
    }
    this.publicKey = dsn.getUserInfo().split(":", 2)[0];
    this.endpoint = URI.create(dsn.getScheme() + "://" + dsn.getHost() + (dsn.getPort() < 0 ? "" : ":" + dsn.getPort())
        + path.substring(0, slash) + "/api/" + project + "/envelope/");
    this.where = "Sentry at " + dsn.getHost() + (dsn.getPort() < 0 ? "" : ":" + dsn.getPort());
    this.http = http;
    this.clock = clock;
  }

  static Optional<Channel> from(ApplianceConfig appliance, HttpPost http, Clock clock) {
    return appliance.alert().sentryDsn().map(dsn -> new SentryChannel(URI.create(dsn.reveal()), http, clock));
  }

  @Override
  public String name() {
    return "sentry";
  }

  @Override
  public void send(Message message) throws IOException {
    String id = UUID.randomUUID().toString().replace("-", "");
    String now = clock.instant().toString();
    ObjectNode event = JSON.createObjectNode();
    event.put("event_id", id);
    event.put("timestamp", now);
    event.put("platform", "other");
    event.put("logger", "appliance");
    event.put("level", level(message));
    event.put("release", "appliance@" + VersionProvider.version());
    event.put("environment", message.origin().environment());
    event.putObject("message").put("formatted", message.subject() + "\n\n" + message.alert().details());
    ObjectNode tags = event.putObject("tags");
    tags.put("domain", message.origin().domain());
    tags.put("environment", message.origin().environment());
    tags.put("unit", message.origin().unit());
    tags.put("key", message.alert().key());
    tags.put("kind", message.kind().name().toLowerCase(java.util.Locale.ROOT));
    // One issue per key in Sentry, whatever the summary says this time.
    event.putArray("fingerprint").add("appliance").add(message.alert().key());
    byte[] payload = JSON.writeValueAsBytes(event);
    String envelope = JSON.writeValueAsString(Map.of("event_id", id, "sent_at", now)) + "\n"
        + JSON.writeValueAsString(Map.of("type", "event", "length", payload.length)) + "\n";
    byte[] head = envelope.getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + payload.length + 1];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(payload, 0, body, head.length, payload.length);
    body[body.length - 1] = '\n';
    http.post(endpoint, where, Map.of("X-Sentry-Auth", "Sentry sentry_version=7, sentry_client=appliance/"
        + VersionProvider.version() + ", sentry_key=" + publicKey), "application/x-sentry-envelope", body);
  }

  private static String level(Message message) {
    if (message.kind() == Message.Kind.RESOLVED) {
      return "info";
    }
    return switch (message.alert().severity()) {
      case CRITICAL -> "fatal";
      case WARNING -> "warning";
      case INFO -> "info";
    };
  }
}
