package dev.appliance.env.build.qr;

import java.nio.file.Path;

/** A scan or photo that cannot be read: its message names the file, the reason and the fix. */
public final class UnreadableImageException extends Exception {

  private static final long serialVersionUID = 1L;

  UnreadableImageException(Path file, String reason, String fix) {
    super(file + ": " + reason + "; fix: " + fix);
  }
}
