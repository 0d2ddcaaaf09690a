package dev.appliance.storage;

import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A LUKS passphrase as cryptsetup's key file: its exact bytes (no newline, so that the passphrase typed at a console
 * opens the disk too) in a 0600 file of a new directory in the root's scratch space (0700), gone on {@link #close}.
 */
final class KeyFile implements AutoCloseable {

  private final HostRoot root;
  private final Path dir;

  private KeyFile(HostRoot root, Path dir) {
    this.root = root;
    this.dir = dir;
  }

  static KeyFile write(HostRoot root, Secret passphrase) throws IOException {
    KeyFile key = new KeyFile(root, root.files().temporaryDirectory("luks-"));
    try {
      root.files().write(key.path(), "rw-------", passphrase.reveal());
    } catch (IOException | RuntimeException e) {
      key.close();
      throw e;
    }
    return key;
  }

  Path path() {
    return dir.resolve("key");
  }

  @Override
  public void close() throws IOException {
    root.files().deleteTree(dir);
  }
}
