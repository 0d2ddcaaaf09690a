package dev.appliance.reference;

import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Takes document ids from the queue and records each document's SHA-256 and size. */
final class Worker {

  private final Settings settings;
  private volatile boolean running = true;

  Worker(Settings settings) {
    this.settings = settings;
  }

  void run() throws Exception {
    Documents documents = new Documents(settings);
    Vault vault = new Vault(settings.vault());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> running = false));
    System.out.println("reference-app: worker " + settings.version() + " waiting for jobs");
    try (Queue queue = new Queue(settings)) {
      while (running) {
        Long id = queue.take(1);
        if (id == null) {
          continue;
        }
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long size = 0;
        try (InputStream in = Files.newInputStream(vault.file(id))) {
          byte[] buffer = new byte[64 * 1024];
          for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            sha256.update(buffer, 0, n);
            size += n;
          }
        }
        documents.recordChecksum(id, HexFormat.of().formatHex(sha256.digest()), size);
        System.out.println("reference-app: document " + id + " checked (" + size + " bytes)");
      }
    }
  }
}
