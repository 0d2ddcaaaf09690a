package dev.appliance.alerts;

import dev.appliance.alerts.AlertRecord.Told;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One delivery pass over the alerts' state: for every key and channel, what is due now (the opening, a daily
 * reminder, the resolution, at most one message per key and channel an hour) is sent, and what was told recorded.
 * A channel that fails is recorded and tried again later; it never stops the others.
 */
public final class Courier {

  static final Duration HOURLY = Duration.ofHours(1);
  static final Duration REMINDER = Duration.ofDays(1);
  static final Duration RETRY = Duration.ofMinutes(2);
  /** How long a pass waits for its channels: a command that raised an alert ends within it, whatever hangs. */
  static final Duration BUDGET = Duration.ofSeconds(40);

  /** Channel and key of each message being sent: one that outlasted its pass is not sent again by the next. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService senders = Executors.newCachedThreadPool(work -> {
    Thread thread = new Thread(work, "alert-sender");
    thread.setDaemon(true);
    return thread;
  });

  private final AlertStore store;
  private final ChannelResults results;
  private final List<Channel> channels;
  private final Message.Origin origin;
  private final Supplier<List<String>> status;
  private final Redaction redaction;
  private final Clock clock;
  private final Consumer<String> log;

  Courier(AlertStore store, ChannelResults results, List<Channel> channels, Message.Origin origin,
      Supplier<List<String>> status, Redaction redaction, Clock clock, Consumer<String> log) {
    this.store = store;
    this.results = results;
    this.channels = List.copyOf(channels);
    this.origin = origin;
    this.status = status;
    this.redaction = redaction;
    this.clock = clock;
    this.log = log;
  }

  public List<Channel> channels() {
    return channels;
  }

  /** One message a pass sends, and how it went. */
  private record Delivery(Channel channel, Message message, Instant at) {}

  /**
   * Sends what is due. The state is read and written under the store's lock, the sending happens outside it, so that
   * a raise never waits for a channel; passes themselves run one at a time, so nothing is sent twice.
   */
  public synchronized void pass() {
    List<Delivery> deliveries = new ArrayList<>();
    synchronized (store) {
      List<AlertRecord> records;
      try {
        records = store.all();
      } catch (IOException e) {
        log.accept("alerts: cannot read their state in /data/etc/alerts: " + e.getMessage());
        return;
      }
      List<String> statusLines = null;
      for (AlertRecord record : records) {
        boolean skipped = false;
        for (Channel channel : channels) {
          Instant now = clock.instant();
          Optional<Message.Kind> due = due(record, channel, now);
          if (due.isEmpty() || inFlight.contains(channel.name() + " " + record.alert().key())) {
            continue;
          }
          if (statusLines == null) {
            statusLines = status.get();
          }
          Message message = redaction.apply(new Message(due.get(), record.alert(), record.opened(),
              record.resolution(), origin, statusLines));
          if (channel.carries(message)) {
            deliveries.add(new Delivery(channel, message, now));
            inFlight.add(channel.name() + " " + record.alert().key());
          } else {
            record.skipped(channel.name(), due.get(), now);
            skipped = true;
          }
        }
        if (skipped) {
          keep(record);
        }
        forgetIfDone(record);
      }
    }
    // Each channel in a thread of its own: a relay that hangs holds up its own messages only.
    Map<Channel, List<Delivery>> byChannel = new LinkedHashMap<>();
    deliveries.forEach(d -> byChannel.computeIfAbsent(d.channel(), c -> new ArrayList<>()).add(d));
    List<CompletableFuture<Void>> sending = byChannel.entrySet().stream()
        .map(e -> CompletableFuture.runAsync(() -> sendAll(e.getKey(), e.getValue()), senders)).toList();
    try {
      CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(BUDGET.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      log.accept("alerts: a channel is still sending after " + BUDGET.toSeconds() + " s; what it has not sent is"
          + " tried again later");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.accept("alerts: a channel's sending failed: " + e.getCause());
    }
  }

  /** Sends one channel's messages in order; after one failure the rest wait for the retry (the channel is down). */
  private void sendAll(Channel channel, List<Delivery> deliveries) {
    boolean down = false;
    for (Delivery delivery : deliveries) {
      boolean sent = !down && send(delivery);
      down |= !sent;
      synchronized (store) {
        try {
          // Read again: a raise meanwhile changed the record; only what this channel told is added to it.
          Optional<AlertRecord> fresh = store.get(delivery.message().alert().key());
          if (fresh.isPresent()) {
            if (sent) {
              fresh.get().told(channel.name(), delivery.message().kind(), delivery.message().alert().severity(),
                  delivery.at());
            } else {
              fresh.get().failed(channel.name(), delivery.at());
            }
            keep(fresh.get());
          }
        } catch (IOException e) {
          log.accept("alerts: cannot read the state of " + delivery.message().alert().key() + ": " + e.getMessage());
        } finally {
          inFlight.remove(channel.name() + " " + delivery.message().alert().key());
        }
      }
    }
  }

  private void keep(AlertRecord record) {
    store.keep(record, log);
  }

  private void forgetIfDone(AlertRecord record) {
    if (done(record)) {
      try {
        store.remove(record.alert().key());
      } catch (IOException e) {
        log.accept("alerts: cannot remove the resolved " + record.alert().key() + ": " + e.getMessage());
      }
    }
  }

  /** Sends one message; whether the other side took it. */
  private boolean send(Delivery delivery) {
    Channel channel = delivery.channel();
    Message message = delivery.message();
    String what = message.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + message.alert().key();
    try {
      channel.send(message);
      log.accept("alert " + what + ": sent by " + channel.name());
      remember(channel, delivery.at(), true, "sent " + what);
      return true;
    } catch (IOException | RuntimeException e) {
      log.accept("alert " + what + ": " + channel.name() + " FAILED (tried again in " + RETRY.toMinutes()
          + " min; 'appliance status' shows it): " + e.getMessage());
      remember(channel, delivery.at(), false, e.getMessage() == null ? e.toString() : e.getMessage());
      return false;
    }
  }

  /** Records a channel's result for status; a failure to record is logged, never thrown at the sender. */
  void remember(Channel channel, Instant at, boolean ok, String detail) {
    try {
      results.record(channel.name(), at, ok, detail);
    } catch (IOException | RuntimeException e) {
      log.accept("alerts: cannot record " + channel.name() + "'s result in /data/etc/alerts: " + e.getMessage());
    }
  }

  /** What {@code channel} should say about {@code record} now, if anything. */
  static Optional<Message.Kind> due(AlertRecord record, Channel channel, Instant now) {
    String name = channel.name();
    Told told = record.told(name);
    Optional<Instant> toldAt = record.toldAt(name);
    Message.Kind kind;
    if (record.event()) {
      if (told != Told.NOTHING) {
        return Optional.empty();
      }
      kind = Message.Kind.OPENED;
    } else if (record.open()) {
      if (told != Told.OPENED || record.alert().severity().worseThan(record.toldSeverity(name).orElse(Severity.INFO))) {
        kind = Message.Kind.OPENED;
      } else if (toldAt.isPresent() && !now.isBefore(toldAt.get().plus(REMINDER))) {
        kind = Message.Kind.REMINDER;
      } else {
        return Optional.empty();
      }
    } else if (told == Told.OPENED) {
      kind = Message.Kind.RESOLVED;
    } else {
      return Optional.empty();
    }
    if (channel.hourly() && toldAt.isPresent() && now.isBefore(toldAt.get().plus(HOURLY))) {
      return Optional.empty();
    }
    if (record.failedAt(name).map(failed -> now.isBefore(failed.plus(RETRY))).orElse(false)) {
      return Optional.empty();
    }
    return Optional.of(kind);
  }

  /**
   * A resolved record nobody has to be told of, whose hourly limit has run out, or an event every channel told: its
   * file can go.
   */
  private boolean done(AlertRecord record) {
    Instant now = clock.instant();
    if (record.event()) {
      return channels.stream().allMatch(c -> record.told(c.name()) != Told.NOTHING);
    }
    return !record.open() && channels.stream().allMatch(c -> record.told(c.name()) != Told.OPENED)
        && channels.stream().allMatch(c -> record.toldAt(c.name()).map(t -> !now.isBefore(t.plus(HOURLY))).orElse(true))
        && record.resolved().map(r -> !now.isBefore(r.plus(HOURLY))).orElse(true);
  }

  /** Sends a test message through {@code channel} at once, past every limit; the result is recorded too. */
  public ChannelResults.ChannelResult test(Channel channel) {
    Instant now = clock.instant();
    Message message = redaction.apply(new Message(Message.Kind.TEST, Alert.info("test", "test alert from "
        + origin.domain(), "Sent by 'appliance alert test' to prove that alerts reach the operators."), now, "", origin,
        status.get()));
    try {
      channel.send(message);
      remember(channel, now, true, "test sent");
      return new ChannelResults.ChannelResult(channel.name(), now.toString(), true, "test sent");
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      remember(channel, now, false, "test: " + why);
      return new ChannelResults.ChannelResult(channel.name(), now.toString(), false, why);
    }
  }
}
