package dev.appliance.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment with each {@code NAME_FILE} read into {@code NAME}: Docker Swarm hands secrets over as files under
 * /run/secrets ({@code appliance export --swarm}), the appliance itself as variables. A variable given directly wins.
 */
final class SecretFiles {

  private static final String SUFFIX = "_FILE";

  private SecretFiles() {}

  static Map<String, String> resolve(Map<String, String> env) {
    Map<String, String> resolved = new HashMap<>(env);
    env.forEach((name, file) -> {
      String target = name.substring(0, Math.max(0, name.length() - SUFFIX.length()));
      if (name.endsWith(SUFFIX) && !target.isEmpty() && !env.containsKey(target)) {
        try {
          // One final line break is the file's, not the secret's.
          resolved.put(target, Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceFirst("\r?\n$", ""));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + name + " (" + file + ")", e);
        }
      }
    });
    return resolved;
  }
}
