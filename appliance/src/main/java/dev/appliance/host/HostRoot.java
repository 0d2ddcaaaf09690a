package dev.appliance.host;

import java.nio.file.Path;

/**
 * The directory under which every host path the appliance touches is resolved ({@code --root}, default {@code /}),
 * so that the whole chain runs in a temporary root in tests and in the local appliance.
 *
 * @param dir the root directory, absolute
 */
public record HostRoot(Path dir) {

  public HostRoot {
    dir = dir.toAbsolutePath().normalize();
  }

  /** {@code absolute}, a host path such as {@code /data/etc}, under this root. */
  public Path resolve(String absolute) {
    return dir.resolve(absolute.replaceFirst("^/+", ""));
  }

  /** Whether this is the machine's own root, where the appliance may also configure services such as Docker. */
  public boolean isSystem() {
    return dir.getParent() == null;
  }

  /** The well-known files and directories of the runtime layout. */
  public Path activeEnv() {
    return resolve("/run/active-env.yml");
  }

  public Path failedFlag() {
    return resolve("/run/appliance-failed");
  }

  /** The supervisor's runtime state (restart counts), lost at reboot like everything in /run. */
  public Path runState() {
    return resolve("/run/appliance");
  }

  public Path etc() {
    return resolve("/app/etc");
  }

  public Path tags() {
    return resolve("/app/etc/tags");
  }

  public Path flags() {
    return resolve("/app/etc/flags");
  }

  /** The front proxy's sites and maintenance page, mounted into the front container. */
  public Path front() {
    return resolve("/app/etc/front");
  }

  public Path tls() {
    return resolve("/data/tls");
  }

  public Path clientCa() {
    return resolve("/data/ca");
  }

  public Path dumps() {
    return resolve("/data/pgdump");
  }
}
