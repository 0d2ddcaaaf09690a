package dev.appliance.alerts;

import dev.appliance.env.model.EnvConfig.ApplianceConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The heartbeat of a dead man's switch (the healthchecks.io convention): a POST to the URL says "alive", to
 * {@code URL/fail} "failed". As a channel it carries only the failure flag's alerts (the {@code /fail}) and tests;
 * the "alive" pings come from {@link Heartbeat} while the supervisor serves, and their silence tells the service
 * that the machine is gone.
 */
public final class HeartbeatChannel implements Channel {

  private final URI url;
  private final String where;
  private final HttpPost http;
  private final BooleanSupplier failed;

  HeartbeatChannel(URI url, HttpPost http, BooleanSupplier failed) {
    this.url = URI.create(url.toString().replaceAll("/+$", ""));
    this.where = "the heartbeat at " + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    this.http = http;
    this.failed = failed;
  }

  static Optional<HeartbeatChannel> from(ApplianceConfig appliance, HttpPost http, BooleanSupplier failed) {
    return appliance.alert().heartbeatUrl().map(url -> new HeartbeatChannel(url, http, failed));
  }

  @Override
  public String name() {
    return "heartbeat";
  }

  @Override
  public boolean carries(Message message) {
    return message.kind() == Message.Kind.TEST || message.kind() == Message.Kind.OPENED && message.alert().failure();
  }

  @Override
  public boolean hourly() {
    return false;
  }

  /** A failure: {@code /fail} with the summary. A test tells the truth: {@code /fail} while failed, else a ping. */
  @Override
  public void send(Message message) throws IOException {
    boolean failure = message.kind() == Message.Kind.OPENED || failed.getAsBoolean();
    post(failure ? URI.create(url + "/fail") : url, message.subject());
  }

  /** "Alive". */
  void ping(String text) throws IOException {
    post(url, text);
  }

  private void post(URI target, String text) throws IOException {
    http.post(target, where, Map.of(), "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
