package dev.appliance.reference;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The documents' content: one file per document id. Content is received whole under a temporary name and synced to
 * disk before it gets its document's name, so that a row is committed only for content that is really stored.
 */
final class Vault {

  /** The vault's file system is full (or the quota reached): nothing was stored. */
  static final class FullException extends IOException {
    private static final long serialVersionUID = 1L;

    FullException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Content received under a temporary name, on disk, waiting for its document's id. */
  final class Received implements Documents.Content, Closeable {
    private final Path temp;

    private Received(Path temp) {
      this.temp = temp;
    }

    @Override
    public void keepAs(long id) throws IOException {
      Files.move(temp, file(id), StandardCopyOption.ATOMIC_MOVE);
      // The rename is a change of the directory: synced too, so that a committed row never outlives its file.
      try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
        directory.force(true);
      }
    }

    @Override
    public void discard(long id) throws IOException {
      Files.deleteIfExists(file(id));
    }

    /** Removes the temporary file, unless it was kept. */
    @Override
    public void close() throws IOException {
      Files.deleteIfExists(temp);
    }
  }

  private final Path dir;

  Vault(Path dir) {
    this.dir = dir;
  }

  /**
   * Receives {@code content} whole, synced to disk; on any failure nothing is left in the vault.
   *
   * @throws FullException when the file system has no room for it
   */
  Received receive(InputStream content) throws IOException {
    Files.createDirectories(dir);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, ".upload-", ".tmp");
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        content.transferTo(Channels.newOutputStream(out));
        // A delayed allocation may find the disk full only here.
        out.force(true);
      }
      return new Received(temp);
    } catch (IOException e) {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
      throw full(e) ? new FullException(e) : e;
    }
  }

  Path file(long id) {
    return dir.resolve(Long.toString(id));
  }

  /** The JDK reports ENOSPC and EDQUOT by their text only. */
  private static boolean full(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No space left on device") || message.contains("Disk quota exceeded");
  }
}
