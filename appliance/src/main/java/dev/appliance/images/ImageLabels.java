package dev.appliance.images;

import java.util.Map;

/** The labels on everything the appliance creates; only what carries them is ever removed by the appliance. */
public final class ImageLabels {

  public static final String MANAGED = "appliance.managed";
  public static final String STACK = "appliance.stack";
  public static final String SERVICE = "appliance.service";

  private ImageLabels() {}

  /** The labels of {@code service} of {@code stack}. */
  public static Map<String, String> of(String stack, String service) {
    return Map.of(MANAGED, "true", STACK, stack, SERVICE, service);
  }
}
