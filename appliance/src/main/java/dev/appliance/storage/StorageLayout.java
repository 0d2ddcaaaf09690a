package dev.appliance.storage;

import dev.appliance.host.HostRoot;
import dev.appliance.host.Ownership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

/**
 * The runtime layout: {@code /data} holds everything to keep, {@code /volatile} what may be lost, {@code /app/etc} is a
 * link to {@code /data/etc}. Owners are the numeric users of the images that write there: postgres 999, redis 998,
 * the application 1000, nginx's group 33.
 */
public final class StorageLayout {

  /** A directory with its owner and mode. */
  public record Dir(String path, int uid, int gid, String mode) {}

  /** Every directory, parents first. */
  public static final List<Dir> DIRS = List.of(
      new Dir("/data", 0, 0, "rwxr-xr-x"),
      new Dir("/data/etc", 0, 0, "rwxr-xr-x"),
      new Dir("/data/etc/tags", 0, 0, "rwxr-xr-x"),
      new Dir("/data/etc/flags", 0, 0, "rwxr-xr-x"),
      new Dir("/data/etc/front", 0, 0, "rwxr-xr-x"),
      new Dir("/data/tls", 0, 33, "rwxr-x---"),
      new Dir("/data/ca", 0, 0, "rwxr-xr-x"),
      new Dir("/data/pgdump", 0, 0, "rwx------"),
      new Dir("/data/postgresql", 999, 999, "rwx------"),
      new Dir("/data/vault", 1000, 1000, "rwx------"),
      new Dir("/volatile", 0, 0, "rwxr-xr-x"),
      new Dir("/volatile/redis", 998, 998, "rwx------"),
      new Dir("/volatile/docker", 0, 0, "rwx--x--x"),
      new Dir("/run/appliance", 0, 0, "rwxr-xr-x"));

  private final HostRoot root;

  public StorageLayout(HostRoot root) {
    this.root = root;
  }

  /** Creates what is missing and sets owners and modes; links {@code /app/etc} to {@code /data/etc}. */
  public void apply() throws IOException {
    for (Dir dir : DIRS) {
      Path path = root.resolve(dir.path());
      Files.createDirectories(path);
      Ownership.apply(path, dir.uid(), dir.gid(), dir.mode());
    }
    linkEtc();
  }

  private void linkEtc() throws IOException {
    Path link = root.resolve("/app/etc");
    // Relative, so that the link stays inside a test root.
    Path target = Path.of("../data/etc");
    Files.createDirectories(link.getParent());
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(target)) {
        return;
      }
      Files.delete(link);
    } else if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
      moveIntoDataEtc(link);
    } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(link);
    }
    Files.createSymbolicLink(link, target);
  }

  /**
   * A directory at {@code /app/etc}: pages, tags or flags written before the layout existed (the first boot's
   * "no env" page, the failed state of a step before this one). Its files move to {@code /data/etc} unless a file of
   * that name is there already (what {@code /data} holds wins); then the directory goes.
   */
  private void moveIntoDataEtc(Path dir) throws IOException {
    Path dataEtc = root.resolve("/data/etc");
    List<Path> entries;
    try (var walk = Files.walk(dir)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path entry : entries) {
      Path moved = dataEtc.resolve(dir.relativize(entry).toString());
      if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !Files.exists(moved, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(moved.getParent());
        Files.copy(entry, moved, StandardCopyOption.COPY_ATTRIBUTES);
      }
      Files.delete(entry);
    }
  }
}
