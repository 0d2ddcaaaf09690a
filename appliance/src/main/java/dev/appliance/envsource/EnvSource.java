package dev.appliance.envsource;

import java.io.IOException;
import java.util.Optional;

/** A place an env may come from. */
public interface EnvSource {

  /** What and where, for messages and for the record in the active env, such as {@code cidata drive /dev/sr0}. */
  String describe();

  /** The file name used in FILE:LINE:COLUMN messages about this env. */
  java.nio.file.Path location();

  /**
   * The env's bytes, or empty if this source has none: a missing file or drive, a drive without the file, a
   * metadata service that does not answer or answers something that is not an env.
   */
  Optional<byte[]> read() throws IOException;

  /** Whether {@code content} looks like an env at all (a top-level {@code appliance:} key), not some other user-data. */
  static boolean looksLikeEnv(byte[] content) {
    return new String(content, java.nio.charset.StandardCharsets.UTF_8).lines().anyMatch(l -> l.startsWith("appliance:"));
  }
}
