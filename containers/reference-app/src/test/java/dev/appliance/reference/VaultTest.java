package dev.appliance.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content is in the vault under a document's id only once kept; anything that fails before leaves nothing. */
class VaultTest {

  @TempDir
  Path dir;

  @Test
  void receivedContentGetsItsNameOnlyWhenKept() throws IOException {
    Vault vault = new Vault(dir);
    byte[] content = "report".getBytes(StandardCharsets.UTF_8);
    try (Vault.Received received = vault.receive(new ByteArrayInputStream(content))) {
      assertFalse(Files.exists(vault.file(7)));
      received.keepAs(7);
    }
    assertArrayEquals(content, Files.readAllBytes(vault.file(7)));
    assertEquals(List.of("7"), names());
  }

  @Test
  void contentNeverKeptLeavesNothing() throws IOException {
    Vault vault = new Vault(dir);
    try (Vault.Received received = vault.receive(new ByteArrayInputStream(new byte[1000]))) {
      assertEquals(1, names().size(), "the temporary file");
    }
    assertEquals(List.of(), names());
  }

  @Test
  void aDiscardedDocumentLeavesNothing() throws IOException {
    Vault vault = new Vault(dir);
    try (Vault.Received received = vault.receive(new ByteArrayInputStream(new byte[1000]))) {
      received.keepAs(8);
      received.discard(8);
    }
    assertEquals(List.of(), names());
  }

  @Test
  void anUploadBrokenOffLeavesNothing() throws IOException {
    Vault vault = new Vault(dir);
    InputStream broken = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    });
    IOException e = assertThrows(IOException.class, () -> vault.receive(broken));
    assertFalse(e instanceof Vault.FullException, "a broken upload is not a full disk");
    assertEquals(List.of(), names());
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
