package dev.appliance.env.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The project version, as Maven wrote it into the jar. */
public final class VersionProvider implements IVersionProvider {

  /** The version of this build, like {@code 0.1.0}. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/appliance/env/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return properties.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"${COMMAND-NAME} " + version(), "Java ${java.version}, ${os.name} ${os.arch}"};
  }
}
