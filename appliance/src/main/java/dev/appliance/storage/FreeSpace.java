package dev.appliance.storage;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The free-space gate: the appliance does not start on a disk too full for the database and Docker to work. */
public final class FreeSpace {

  /** Too little space; the message says where, how much, and what to do. */
  public static final class TooLittleSpaceException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLittleSpaceException(String message) {
      super(message);
    }
  }

  /** What an operator can do about a full disk. */
  static final String HOW_TO_FREE = "free space there (old dumps in /data/pgdump, 'appliance cleanup' for unused"
      + " images) or grow the disk";

  private static final long MIB = 1024 * 1024;

  private final HostRoot root;
  private final long minimumBytes;

  public FreeSpace(HostRoot root, long minimumMib) {
    this.root = root;
    this.minimumBytes = minimumMib * MIB;
  }

  /** Free bytes on the file system of {@code path} (a host path such as /data). */
  private long free(String path) throws IOException {
    return DiskSpace.of(root).usage(path).availableBytes();
  }

  /** What is free on {@code /data} and {@code /volatile}, if both have the minimum. */
  public Optional<String> enough() throws IOException {
    StringBuilder free = new StringBuilder();
    for (String path : DiskSpace.PATHS) {
      if (free(path) < minimumBytes) {
        return Optional.empty();
      }
      free.append(free.length() == 0 ? "" : ", ").append(path).append(' ').append(free(path) / MIB).append(" MiB");
    }
    return Optional.of(free + " free");
  }

  /** Refuses to go on if {@code /data} or {@code /volatile} has less than the minimum free. */
  public void check() throws IOException {
    for (String path : DiskSpace.PATHS) {
      long free = free(path);
      if (free < minimumBytes) {
        Path where = root.resolve(path);
        throw new TooLittleSpaceException(where + " has " + free / MIB + " MiB free, less than the " + minimumBytes / MIB
            + " MiB the appliance needs to start safely; " + HOW_TO_FREE + ", then start again");
      }
    }
  }
}
