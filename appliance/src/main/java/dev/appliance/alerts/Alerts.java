package dev.appliance.alerts;

/**
 * The port every capability tells the operators through. Raising an open alert again changes nothing but its text
 * (a worse severity is sent again); resolving one that is not open changes nothing. Neither throws nor blocks for
 * long: the state is kept on disk, the channels are reached by the implementation with bounded timeouts.
 */
public interface Alerts {

  void raise(Alert alert);

  /**
   * Tells the operators of {@code event} once (such as an SSH login): it is sent like a newly opened alert, but never
   * stays open, is never reminded of nor resolved, and its key (unique per event) is forgotten once every channel
   * told it.
   */
  void announce(Alert event);

  /** The condition behind {@code key} cleared; {@code how} says how (for the "resolved" message). */
  void resolve(String key, String how);

  /** Resolves every open alert whose key starts with {@code keyPrefix}. */
  void resolveAll(String keyPrefix, String how);
}
