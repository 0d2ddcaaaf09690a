package dev.appliance.storage;

import dev.appliance.host.HostRoot;
import dev.appliance.host.HostFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
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

  // Relative, so that the link stays inside a test root.
  private static final Path ETC_TARGET = Path.of("../data/etc");

  private final HostRoot root;

  public StorageLayout(HostRoot root) {
    this.root = root;
  }

  /** The directories that are missing or have another owner or mode, and the link if it is not in place. */
  public List<String> differences() throws IOException {
    List<String> differences = new ArrayList<>();
    for (Dir dir : DIRS) {
      Path path = root.resolve(dir.path());
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || !root.ownership().has(path, dir.uid(), dir.gid(), dir.mode())) {
        differences.add(dir.path());
      }
    }
    Path link = root.resolve("/app/etc");
    if (!Files.isSymbolicLink(link) || !Files.readSymbolicLink(link).equals(ETC_TARGET)) {
      differences.add("/app/etc");
    }
    return differences;
  }

  /** Creates what is missing and sets owners and modes; links {@code /app/etc} to {@code /data/etc}. */
  public void apply() throws IOException {
    HostFiles files = root.files();
    for (Dir dir : DIRS) {
      Path path = root.resolve(dir.path());
      files.createDirectories(path);
      files.own(path, dir.uid(), dir.gid(), dir.mode());
    }
    linkEtc(files);
  }

  private void linkEtc(HostFiles files) throws IOException {
    Path link = root.resolve("/app/etc");
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(ETC_TARGET)) {
        return;
      }
      files.delete(link);
    } else if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
      moveIntoDataEtc(files, link);
    } else {
      files.delete(link);
    }
    files.symlink(link, ETC_TARGET);
  }

  /**
   * A directory at {@code /app/etc}: pages, tags or flags written before the layout existed (the first boot's
   * "no env" page, the failed state of a step before this one). Its files move to {@code /data/etc} unless a file of
   * that name is there already (what {@code /data} holds wins); then the directory goes.
   */
  private void moveIntoDataEtc(HostFiles files, Path dir) throws IOException {
    Path dataEtc = root.resolve("/data/etc");
    List<Path> entries;
    try (var walk = Files.walk(dir)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path entry : entries) {
      Path moved = dataEtc.resolve(dir.relativize(entry).toString());
      if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) && !Files.exists(moved, LinkOption.NOFOLLOW_LINKS)) {
        files.copyNew(entry, moved);
      }
      files.delete(entry);
    }
  }
}
