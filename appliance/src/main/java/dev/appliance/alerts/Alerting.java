package dev.appliance.alerts;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.host.HostRoot;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * The alerts of one command, assembled from the active env: the {@link Alerts} port, its state, the channels
 * {@code appliance/alert} configures, and delivery. A command delivers at once, in its own thread (bounded by the
 * channels' timeouts); the supervisor hands delivery to a background thread with {@link #inBackground}.
 */
public final class Alerting implements AutoCloseable {

  private final Courier courier;
  private final AlertBook book;
  private final Optional<HeartbeatChannel> heartbeat;
  private final Clock clock;
  private final Consumer<String> log;
  private volatile CourierThread thread;

  private Alerting(Courier courier, Optional<HeartbeatChannel> heartbeat, AlertStore store, Clock clock,
      Consumer<String> log) {
    this.courier = courier;
    this.heartbeat = heartbeat;
    this.clock = clock;
    this.log = log;
    this.book = new AlertBook(store, this::deliver, clock, log);
  }

  /**
   * @param env the active env; without one, alerts are logged and kept, and go out once an env names channels
   * @param unit the command or unit that speaks, for the messages
   * @param status the appliance's status summary, read when a message is due
   * @param failed whether the failure flag is raised (a heartbeat test tells the truth)
   * @param relayTrust what the mail relay's certificate is checked against; empty: the JVM's trusted CAs
   */
  public static Alerting of(HostRoot root, Optional<EnvConfig> env, String unit, Clock clock, Consumer<String> log,
      Supplier<List<String>> status, BooleanSupplier failed, Optional<SSLSocketFactory> relayTrust) {
    List<Channel> channels = new ArrayList<>();
    Optional<HeartbeatChannel> heartbeat = Optional.empty();
    Message.Origin origin = new Message.Origin("appliance", "unknown", unit);
    Redaction redaction = Redaction.none();
    if (env.isPresent()) {
      EnvConfig.ApplianceConfig appliance = env.get().appliance();
      origin = new Message.Origin(appliance.domain().toString(), appliance.environment().name().toLowerCase(
          java.util.Locale.ROOT), unit);
      redaction = Redaction.of(env.get());
      // An HTTP client starts a thread: made only for a channel that speaks HTTP, not for every prepare step.
      Optional<HttpPost> http = appliance.alert().sentryDsn().isPresent() || appliance.alert().heartbeatUrl().isPresent()
          ? Optional.of(new HttpPost()) : Optional.empty();
      (relayTrust.isPresent() ? MailChannel.from(appliance, relayTrust.get()) : MailChannel.from(appliance))
          .ifPresent(channels::add);
      try {
        http.flatMap(client -> SentryChannel.from(appliance, client, clock)).ifPresent(channels::add);
      } catch (IllegalArgumentException e) {
        log.accept("alerts: sentry is not used: " + e.getMessage());
      }
      heartbeat = http.flatMap(client -> HeartbeatChannel.from(appliance, client, failed));
      heartbeat.ifPresent(channels::add);
    }
    AlertStore store = new AlertStore(root);
    Courier courier = new Courier(store, new ChannelResults(root), channels, origin, status, redaction, clock, log);
    return new Alerting(courier, heartbeat, store, clock, log);
  }

  public Alerts alerts() {
    return book;
  }

  /** The configured channels, in sending order. */
  public List<Channel> channels() {
    return courier.channels();
  }

  /** One delivery pass now: what is due (deferred, reminders, retries) goes out. */
  public void sendDue() {
    courier.pass();
  }

  /** Sends a test message through {@code channel} at once. */
  public ChannelResults.ChannelResult test(Channel channel) {
    return courier.test(channel);
  }

  /**
   * From now on delivery runs in a background thread, which also pings the heartbeat every {@code heartbeatEvery}
   * while {@code healthy} says so, with {@code alive} as the text.
   */
  public void inBackground(Duration heartbeatEvery, BooleanSupplier healthy, String alive) {
    Heartbeat beat = heartbeat.map(h -> new Heartbeat(h, heartbeatEvery, courier, clock, log)).orElse(null);
    thread = new CourierThread(courier, beat, healthy, alive, log);
  }

  /** Whether {@link #inBackground} handed delivery to its thread. */
  public boolean inBackground() {
    return thread != null;
  }

  private void deliver() {
    CourierThread background = thread;
    if (background != null) {
      background.wake();
    } else {
      courier.pass();
    }
  }

  /** Ends background delivery after a last pass (bounded); a command's delivery is done already. */
  @Override
  public void close() {
    CourierThread background = thread;
    thread = null;
    if (background != null) {
      background.close();
    }
  }
}
