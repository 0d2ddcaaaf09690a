package dev.appliance.env.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one way the project writes a file that must survive a crash whole or not at all: a temporary file in the
 * target's directory, created with its final mode, written (streamed, for dumps and archives), fsynced, renamed over
 * the target (or hard-linked, when the target must be new), then the directory fsynced. A crash or a failing
 * {@link Content} leaves the old file, or none, and no temporary file.
 */
public final class AtomicWriter {

  /** What goes into the file; a failure here leaves the target as it was. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicWriter() {}

  /** Writes {@code content} to {@code target} with {@code mode} (such as {@code rw-------}), replacing it. */
  public static void replace(Path target, String mode, Content content) throws IOException {
    Path temp = temporary(target, mode, content);
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public static void replace(Path target, String mode, byte[] bytes) throws IOException {
    replace(target, mode, out -> out.write(bytes));
  }

  public static void replace(Path target, String mode, String text) throws IOException {
    replace(target, mode, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes {@code content} to {@code target}, which must not exist; it is never replaced.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; it is left untouched
   */
  public static void createNew(Path target, String mode, Content content) throws IOException {
    Path temp = temporary(target, mode, content);
    try {
      // A hard link fails if the target exists (a rename would silently replace it), and appears whole or not at all.
      Files.createLink(target, temp);
      syncDirectory(target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code dir} and its missing parents, each new one with {@code mode}; existing ones are left as they are. */
  public static void createDirectories(Path dir, String mode) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    if (absolute.getParent() != null) {
      createDirectories(absolute.getParent(), mode);
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(absolute)) {
        throw e;
      }
      return; // made by someone else meanwhile: not ours to change
    }
    // The umask may have narrowed the mode given at creation.
    Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString(mode));
  }

  private static Path temporary(Path target, String mode, Content content) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " exists and is not a regular file");
    }
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + "-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        // A content that closes its stream (an archive or encryption stream closing what it wraps) must not close
        // the channel before it is synced.
        content.writeTo(new FilterOutputStream(out) {
          @Override
          public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        });
        channel.force(true);
      }
      // The umask may have narrowed the mode given at creation.
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(mode));
      return temp;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  private static void syncDirectory(Path target) throws IOException {
    try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }
}
