package dev.appliance.env.newenv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a secret file that must never replace an existing one: mode 0600 from the start, complete or absent. */
public final class EnvFileWriter {

  private EnvFileWriter() {}

  /**
   * Writes {@code text} to {@code target}, creating its directory with mode 0700 if needed.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; it is left untouched
   */
  public static void writeNew(Path target, String text) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    Path temp = Files.createTempFile(dir, ".env-new-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      // A hard link fails if the target exists (rename would silently replace it), and appears whole or not at all.
      Files.createLink(target, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
