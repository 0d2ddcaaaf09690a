package dev.appliance.export.swarm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The fixed parts of deploy.sh, kept as shell files beside this class so that they read (and lint) as bash. */
final class Templates {

  static final String DEPLOY_HEAD = load("deploy-head.sh").stripTrailing();
  static final String DEPLOY_FUNCTIONS = load("deploy-functions.sh").stripTrailing();

  private Templates() {}

  private static String load(String name) {
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
