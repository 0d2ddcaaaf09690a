package dev.appliance.export.kubernetes;

import dev.appliance.env.cli.Cli;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.regex.Pattern;

/** Sizes as Kubernetes quantities: the options' claim sizes, and memory limits in bytes. */
final class Sizes {

  private static final Pattern STORAGE = Pattern.compile("[1-9][0-9]*(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)");
  private static final String[] BINARY = {"Ki", "Mi", "Gi", "Ti"};

  private Sizes() {}

  /** The claim size {@code text} given with {@code option}; bad input unless it is like 10Gi. */
  static Quantity storage(String option, String text) {
    if (text == null || !STORAGE.matcher(text).matches()) {
      throw new Cli.BadInputException(option + " " + text + " is no size a claim takes; give a whole number and a"
          + " unit, like " + option + " 10Gi (Ki, Mi, Gi, Ti, or k, M, G, T)");
    }
    return new Quantity(text);
  }

  /** {@code bytes} in the largest binary unit that divides it: 536870912 is 512Mi. */
  static Quantity bytes(long bytes) {
    long amount = bytes;
    String unit = "";
    for (int i = 0; i < BINARY.length && amount % 1024 == 0 && amount > 0; i++) {
      amount /= 1024;
      unit = BINARY[i];
    }
    return new Quantity(amount + unit);
  }
}
