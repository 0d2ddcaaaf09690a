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
import java.util.Optional;

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

  /**
   * {@code path}, if it lies under the root also once the links on its way are followed (a link that a container
   * planted in a bind-mounted directory must not lead a write of the appliance's elsewhere).
   */
  private Path inside(Path path) throws IOException {
    Path normal = path.toAbsolutePath().normalize();
    if (!root.contains(normal) || !real(normal).startsWith(real(root.dir()))) {
      throw new IllegalArgumentException(path + " is outside the appliance's root " + root.dir());
    }
    return normal;
  }

  /** Where {@code path} leads once the links of its existing part are followed. */
  private static Path real(Path path) throws IOException {
    Path existing = path;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    return existing == null ? path : existing.toRealPath().resolve(existing.relativize(path));
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

  /** Renames {@code from} to {@code to} (same file system), creating {@code to}'s directory; {@code to} must not exist. */
  public void move(Path from, Path to) throws IOException {
    createDirectories(inside(to).getParent());
    Files.move(inside(from), inside(to), StandardCopyOption.ATOMIC_MOVE);
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

  /**
   * The exclusive lock on {@code file}, if nobody holds it, with {@code holder} written into the file for whoever
   * finds it taken.
   */
  public Optional<HostLock> tryLock(Path file, String holder) throws IOException {
    createDirectories(inside(file).getParent());
    return HostLock.tryAcquire(file, holder);
  }

  /** What the live holder of the lock on {@code file} wrote, if one holds it (see {@link HostLock#holder}). */
  public Optional<String> lockHolder(Path file) throws IOException {
    return HostLock.holder(inside(file));
  }

  /** Gives {@code path} to {@code uid:gid} with {@code mode}, through the root's ownership. */
  public void own(Path path, int uid, int gid, String mode) throws IOException {
    root.ownership().apply(inside(path), uid, gid, mode);
  }
}
