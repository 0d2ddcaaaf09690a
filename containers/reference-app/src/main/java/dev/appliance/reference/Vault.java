package dev.appliance.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The documents' content: one file per document id, written whole (temporary file, then rename). */
final class Vault {

  private final Path dir;

  Vault(Path dir) {
    this.dir = dir;
  }

  void store(long id, InputStream content) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + id + "-", ".tmp");
    try {
      Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(temp, file(id), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  Path file(long id) {
    return dir.resolve(Long.toString(id));
  }
}
