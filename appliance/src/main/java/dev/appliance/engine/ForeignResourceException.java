package dev.appliance.engine;

/**
 * The appliance was about to remove or replace something it did not create: a container or image without its
 * labels, or another stack's. Nothing was changed; the message names it and says how to resolve the conflict.
 */
public final class ForeignResourceException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ForeignResourceException(String message) {
    super(message);
  }
}
