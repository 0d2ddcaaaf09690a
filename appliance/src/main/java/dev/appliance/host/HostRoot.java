package dev.appliance.host;

import java.nio.file.Path;

/**
 * The directory under which every host path the appliance touches is resolved ({@code --root}, default {@code /}),
 * so that the whole chain runs in a temporary root in tests and in the local appliance. Files under it are written
 * only through {@link #files()}, which refuses any path outside it.
 *
 * @param dir the root directory, absolute
 * @param ownership how owners are given to files (the numeric owner on a real host; tests record instead)
 */
public record HostRoot(Path dir, Ownership ownership) {

  public HostRoot {
    dir = dir.toAbsolutePath().normalize();
  }

  /** A root whose files get their real numeric owners (the appliance runs as root). */
  public HostRoot(Path dir) {
    this(dir, Ownership.numeric());
  }

  /**
   * {@code absolute}, a host path such as {@code /data/etc}, under this root.
   *
   * @throws IllegalArgumentException for a relative path or one with {@code ..}, which could leave the root
   */
  public Path resolve(String absolute) {
    Path path = Path.of(absolute);
    if (!path.isAbsolute() || !path.normalize().equals(path)) {
      throw new IllegalArgumentException("not an absolute host path without '..': '" + absolute + "'");
    }
    return dir.resolve(absolute.replaceFirst("^/+", ""));
  }

  /** Whether {@code path} lies under this root (after normalising it). */
  public boolean contains(Path path) {
    return path.toAbsolutePath().normalize().startsWith(dir);
  }

  /** The only way to change files under this root. */
  public HostFiles files() {
    return new HostFiles(this);
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

  /** Scratch space of the appliance's own (such as a drive's files read out), under the root like everything else. */
  public Path scratch() {
    return resolve("/run/appliance/tmp");
  }

  public Path etc() {
    return resolve("/app/etc");
  }

  /** The alerts' state: what is open, what each channel was told. */
  public Path alerts() {
    return resolve("/data/etc/alerts");
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
