package dev.appliance.env.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files with secrets: created 0600 (directories 0700), written to a temporary name, synced, then moved in place. */
public final class SecretFiles {

  private static final FileAttribute<Set<PosixFilePermission>> FILE_0600 =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> DIR_0700 =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private SecretFiles() {}

  /** Something that writes the content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code bytes} to {@code target}, which must not exist yet; it is never replaced.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; it is left untouched
   */
  public static void writeNew(Path target, byte[] bytes) throws IOException {
    Path temp = temporary(target, out -> out.write(bytes));
    try {
      // A hard link fails if the target exists (rename would silently replace it), and appears whole or not at all.
      Files.createLink(target, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes {@code content} to {@code target}, atomically replacing an older version. */
  public static void replace(Path target, Content content) throws IOException {
    Path temp = temporary(target, content);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code dir} with mode 0700 if it does not exist. */
  public static void createDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, DIR_0700);
    }
  }

  /** A new private temporary directory in {@code parent}. */
  public static Path temporaryDirectory(Path parent, String prefix) throws IOException {
    return Files.createTempDirectory(parent, prefix, DIR_0700);
  }

  /** Overwrites every file below {@code dir} with zeros, then removes them and the directory. */
  public static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
            for (long written = 0; written < size; written += zeros.limit()) {
              zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
              channel.write(zeros);
            }
            channel.force(true);
          }
        }
        Files.delete(path);
      }
    }
  }

  private static Path temporary(Path target, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    createDirectory(dir);
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      throw new IOException(target + " exists and is not a regular file");
    }
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp", FILE_0600);
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
        content.writeTo(out);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }
}
