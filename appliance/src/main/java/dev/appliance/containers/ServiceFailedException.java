package dev.appliance.containers;

/** A service that exited, became unhealthy or did not become ready while the appliance waited for it. */
public final class ServiceFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  public ServiceFailedException(String message) {
    super(message);
  }
}
