package dev.appliance.alerts;

import java.io.IOException;

/** One way to the operators: e-mail, Sentry, the heartbeat. */
public interface Channel {

  /** {@code email}, {@code sentry} or {@code heartbeat}, as status and {@code alert test --channel} name it. */
  String name();

  /** Whether this channel carries {@code message} at all (the heartbeat carries failures and tests only). */
  default boolean carries(Message message) {
    return true;
  }

  /**
   * Whether at most one message per key an hour goes through it; the heartbeat reports a state rather than sending
   * messages, so a second failure within the hour must still reach it.
   */
  default boolean hourly() {
    return true;
  }

  /**
   * Sends {@code message}, within the channel's own bounded timeouts.
   *
   * @throws IOException when the other side did not take it: the message counts as not sent
   */
  void send(Message message) throws IOException;
}
