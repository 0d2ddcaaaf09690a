package dev.appliance.env.build.qr;

import java.util.List;
import java.util.stream.Collectors;

/** Scanned codes that do not make up one whole env. */
public class FrameSetException extends Exception {

  private static final long serialVersionUID = 1L;

  public FrameSetException(String message) {
    super(message);
  }

  /** Some codes of the set were not found. */
  public static final class Missing extends FrameSetException {
    private static final long serialVersionUID = 1L;

    private final transient List<Integer> missing;

    Missing(List<Integer> missing, int count) {
      super("missing " + missing.size() + " of " + count + " codes: " + missing.stream().map(String::valueOf)
          .collect(Collectors.joining(", ")) + "; scan the pages that hold them (each code is labelled 'i of " + count + "')");
      this.missing = List.copyOf(missing);
    }

    /** The missing indexes, 1-based. */
    public List<Integer> missing() {
      return missing;
    }
  }
}
