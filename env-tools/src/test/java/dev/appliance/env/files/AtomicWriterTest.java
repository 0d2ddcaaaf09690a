package dev.appliance.env.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriterTest {

  @TempDir
  Path dir;

  @Test
  void replaceWritesTheWholeContentWithExactlyTheGivenMode() throws IOException {
    Path target = dir.resolve("site.conf");
    Files.writeString(target, "an older and much longer version of the file");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));

    // Group and others may write: a usual umask (022) would take that away at creation.
    AtomicWriter.replace(target, "rw-rw-rw-", "new");

    assertEquals("new", Files.readString(target));
    assertEquals("rw-rw-rw-", mode(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void createNewRefusesAnExistingTargetAndLeavesItUntouched() throws IOException {
    Path target = dir.resolve("env.yml");
    Files.writeString(target, "kept");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));

    assertThrows(FileAlreadyExistsException.class,
        () -> AtomicWriter.createNew(target, "rw-------", out -> out.write("lost".getBytes())));

    assertEquals("kept", Files.readString(target));
    assertEquals("rw-r-----", mode(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void createNewWritesANewFile() throws IOException {
    Path target = dir.resolve("env.yml");

    AtomicWriter.createNew(target, "rw-------", out -> out.write("fresh".getBytes()));

    assertEquals("fresh", Files.readString(target));
    assertEquals("rw-------", mode(target));
  }

  @Test
  void aFailingContentLeavesTheOldFileAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("dump.sql");
    Files.writeString(target, "yesterday's dump");

    IOException thrown = assertThrows(IOException.class, () -> AtomicWriter.replace(target, "rw-------", out -> {
      out.write("half of today's du".getBytes());
      throw new IOException("pg_dump died");
    }));

    assertEquals("pg_dump died", thrown.getMessage());
    assertEquals("yesterday's dump", Files.readString(target));
    assertEquals(List.of(target), entries());
  }

  @Test
  void streamsAContentLargerThanAnyBuffer() throws Exception {
    Path target = dir.resolve("archive.tar");
    long size = 48L * 1024 * 1024 + 7;
    MessageDigest written = MessageDigest.getInstance("SHA-256");

    AtomicWriter.replace(target, "rw-r-----", out -> {
      byte[] chunk = new byte[8191];
      for (long left = size, i = 0; left > 0; left -= chunk.length, i++) {
        int n = (int) Math.min(chunk.length, left);
        for (int b = 0; b < n; b++) {
          chunk[b] = (byte) (i * 31 + b);
        }
        written.update(chunk, 0, n);
        out.write(chunk, 0, n);
      }
    });

    assertEquals(size, Files.size(target));
    assertArrayEquals(written.digest(), sha256(target));
  }

  @Test
  void createDirectoriesGivesTheModeToNewDirectoriesOnly() throws IOException {
    Path existing = Files.createDirectory(dir.resolve("data"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));

    // Group-writable, which a usual umask would take away.
    AtomicWriter.createDirectories(existing.resolve("etc/front"), "rwxrwx---");

    assertEquals("rwxr-xr-x", mode(existing));
    assertEquals("rwxrwx---", mode(existing.resolve("etc")));
    assertEquals("rwxrwx---", mode(existing.resolve("etc/front")));
  }

  @Test
  void createDirectoriesRefusesAFileInTheWay() throws IOException {
    Path file = Files.writeString(dir.resolve("etc"), "not a directory");

    assertThrows(FileAlreadyExistsException.class, () -> AtomicWriter.createDirectories(file, "rwx------"));
  }

  private List<Path> entries() throws IOException {
    try (var paths = Files.list(dir)) {
      return paths.sorted().toList();
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return digest.digest();
  }

  @Test
  void aContentThatClosesItsStreamIsStillSyncedAndMovedInPlace() throws IOException {
    Path target = dir.resolve("package.tar.gz");
    AtomicWriter.replace(target, "rw-------", out -> {
      try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
        gzip.write("closed by its writer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    });
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(target))) {
      assertEquals("closed by its writer", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
