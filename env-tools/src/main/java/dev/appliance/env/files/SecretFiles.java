package dev.appliance.env.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Files with secrets: created 0600 (directories 0700) through the {@link AtomicWriter}, and wiped when done with. */
public final class SecretFiles {

  private static final String FILE_MODE = "rw-------";
  private static final String DIR_MODE = "rwx------";

  private SecretFiles() {}

  /**
   * Writes {@code bytes} to {@code target}, which must not exist yet; it is never replaced.
   *
   * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists; it is left untouched
   */
  public static void writeNew(Path target, byte[] bytes) throws IOException {
    createDirectory(target.toAbsolutePath().getParent());
    AtomicWriter.createNew(target, FILE_MODE, out -> out.write(bytes));
  }

  /** Writes {@code content} to {@code target}, atomically replacing an older version. */
  public static void replace(Path target, AtomicWriter.Content content) throws IOException {
    createDirectory(target.toAbsolutePath().getParent());
    AtomicWriter.replace(target, FILE_MODE, content);
  }

  /** Creates {@code dir} with mode 0700 if it does not exist. */
  public static void createDirectory(Path dir) throws IOException {
    AtomicWriter.createDirectories(dir, DIR_MODE);
  }

  /** A new private temporary directory in {@code parent}. */
  public static Path temporaryDirectory(Path parent, String prefix) throws IOException {
    return Files.createTempDirectory(parent, prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(DIR_MODE)));
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
}
