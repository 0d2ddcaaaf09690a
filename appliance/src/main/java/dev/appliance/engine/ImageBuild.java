package dev.appliance.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * One image to build.
 *
 * @param context the build context
 * @param dockerfile the Dockerfile
 * @param tag the name it gets
 * @param labels labels it carries (the appliance's)
 * @param args build arguments
 */
public record ImageBuild(Path context, Path dockerfile, String tag, Map<String, String> labels, Map<String, String> args) {

  public ImageBuild {
    labels = Map.copyOf(labels);
    args = Map.copyOf(args);
  }
}
