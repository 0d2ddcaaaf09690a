package dev.appliance.engine;

/**
 * A container could not start because a port it publishes is taken on this machine, by another program or another
 * container. The message names the port, the options that set it and the command that finds its holder.
 */
public final class PortTakenException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final int port;

  public PortTakenException(int port, String message) {
    super(message);
    this.port = port;
  }

  /** The host port that is taken. */
  public int port() {
    return port;
  }
}
