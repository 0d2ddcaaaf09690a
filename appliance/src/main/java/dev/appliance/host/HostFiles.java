package dev.appliance.host;

import dev.appliance.env.files.AtomicWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

/**
 * Every change the appliance makes to files, under one {@link HostRoot}: state files through the one atomic writer,
 * directories, links, removals. A path outside the root is refused, so a test root or the local appliance never
 * touches the machine's own files.
 */
public final class HostFiles {

  private static final String DIRECTORY_MODE = "rwxr-xr-x";

  private final HostRoot root;

  HostFiles(HostRoot root) {
    this.root = root;
  }

  private Path inside(Path path) {
    if (!root.contains(path)) {
      throw new IllegalArgumentException(path + " is outside the appliance's root " + root.dir());
    }
    return path.toAbsolutePath().normalize();
  }

  /** Writes {@code text} (UTF-8) to {@code target} atomically with {@code mode}, creating its directory. */
  public void write(Path target, String mode, String text) throws IOException {
    write(target, mode, text.getBytes(StandardCharsets.UTF_8));
  }

  public void write(Path target, String mode, byte[] bytes) throws IOException {
    write(target, mode, out -> out.write(bytes));
  }

  /** Streams {@code content} into {@code target}: it appears, whole, only if the content was written without error. */
  public void write(Path target, String mode, AtomicWriter.Content content) throws IOException {
    createDirectories(inside(target).getParent());
    AtomicWriter.replace(target, mode, content);
  }

  /** Creates {@code dir} and its missing parents (mode 0755). */
  public void createDirectories(Path dir) throws IOException {
    AtomicWriter.createDirectories(inside(dir), DIRECTORY_MODE);
  }

  /** Removes {@code path} if it exists; whether it did. */
  public boolean delete(Path path) throws IOException {
    return Files.deleteIfExists(inside(path));
  }

  /** Removes {@code dir} and everything below it, links not followed. */
  public void deleteTree(Path dir) throws IOException {
    if (!Files.exists(inside(dir), LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> entries;
    try (var walk = Files.walk(dir)) {
      entries = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path entry : entries) {
      if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        // Copied out of a read-only medium, a directory may be read-only itself.
        Ownership.modeOnly(entry, "rwx------");
      }
    }
    for (Path entry : entries) {
      Files.delete(entry);
    }
  }

  /** Makes {@code link} a symbolic link to {@code target} (relative targets stay inside a test root). */
  public void symlink(Path link, Path target) throws IOException {
    createDirectories(inside(link).getParent());
    Files.createSymbolicLink(link, target);
  }

  /** Copies {@code from} to {@code to}, with its attributes, unless {@code to} exists. */
  public void copyNew(Path from, Path to) throws IOException {
    createDirectories(inside(to).getParent());
    Files.copy(inside(from), to, StandardCopyOption.COPY_ATTRIBUTES);
  }

  /**
   * A new empty directory under the root's scratch space, for the caller to {@link #deleteTree} when done. The
   * scratch space is the owner's alone, whatever modes a program gives to what it writes inside.
   */
  public Path temporaryDirectory(String prefix) throws IOException {
    createDirectories(root.scratch());
    Ownership.modeOnly(root.scratch(), "rwx------");
    return Files.createTempDirectory(root.scratch(), prefix);
  }

  /** Gives {@code path} to {@code uid:gid} with {@code mode}, through the root's ownership. */
  public void own(Path path, int uid, int gid, String mode) throws IOException {
    root.ownership().apply(inside(path), uid, gid, mode);
  }
}
