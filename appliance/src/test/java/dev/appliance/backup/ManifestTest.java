package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest of a run and the restored files held against it. */
class ManifestTest {

  private static final FileTime MTIME = FileTime.from(Instant.parse("2026-12-01T22:29:59.123456789Z"));

  @TempDir
  Path dir;

  private Path data;

  @BeforeEach
  void data() throws Exception {
    data = dir.resolve("data");
    for (String file : List.of("etc/acme/account.json", "etc/alerts-old/kept", "etc/backup/kept", "tls/server.crt",
        "vault/a b/file with spaces", "pgdump/postgresql/pre-migration.dump", "postgresql/base/1", "lost+found/x",
        "etc/alerts/open.json", "etc/alerts/sub/more", "etc/backup/state", Manifest.PATH)) {
      write(file, "content of " + file);
    }
    Files.createSymbolicLink(data.resolve("tls/link"), data.resolve("tls/server.crt"));
  }

  private Path write(String relative, String text) throws Exception {
    Path file = data.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, MTIME);
    return file;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theFilesAreEveryRegularFileABackupHoldsSortedWithSizeTimeAndHash() throws Exception {
    List<Manifest.FileEntry> files = Manifest.files(data);
    assertEquals(List.of("etc/acme/account.json", "etc/alerts-old/kept", "etc/backup/kept",
        "pgdump/postgresql/pre-migration.dump", "tls/server.crt", "vault/a b/file with spaces"),
        files.stream().map(Manifest.FileEntry::path).toList(),
        "not the live cluster, lost+found, the open alerts, the backup's state, the manifest itself or a link");
    Manifest.FileEntry account = files.get(0);
    String content = "content of etc/acme/account.json";
    assertEquals(new Manifest.FileEntry("etc/acme/account.json", content.length(),
        MTIME.toInstant().getEpochSecond() * 1_000_000_000L + MTIME.toInstant().getNano(), sha256(content)), account);
  }

  @Test
  void theManifestReadsBackAsItWasWritten() throws Exception {
    Manifest manifest = new Manifest(Manifest.FORMAT, "2026-12-01T22:30:00Z", "20261201-223000", "1.4.0", "2.0 (build 7)",
        "reference", Map.of("app", "sha256:aa", "front", "sha256:bb"), "ee".repeat(32),
        new Manifest.Database("app", "a1d0", "app.pgdump", "dd".repeat(32), 123456,
            Map.of("public.items", 12L, "public.\"odd name\"", 0L)),
        Manifest.files(data));
    Path file = dir.resolve("manifest.json");
    Files.write(file, manifest.json());
    assertEquals(manifest, Manifest.read(file));
    String json = Files.readString(file);
    assertTrue(json.contains("\"appliance_version\" : \"1.4.0\""), json);
    assertTrue(json.contains("\"env_sha256\""), json);
  }

  @Test
  void filesAsTheyWereHashedMatch() throws Exception {
    ManifestCheck.Result result = ManifestCheck.check(manifest(), data);
    assertTrue(result.ok(), result.describe());
    assertEquals(6, result.checked());
    assertEquals(Manifest.files(data).stream().mapToLong(Manifest.FileEntry::size).sum(), result.bytes());
    assertEquals(0, result.changedDuringBackup());
    assertEquals("6 files (0.0 MiB) match the manifest", result.describe());
  }

  @Test
  void aSizeAndAContentChangeAreEachReportedAndAFileDeletedMeanwhileCounted() throws Exception {
    Manifest manifest = manifest();
    Files.delete(data.resolve("tls/server.crt"));
    write("etc/backup/kept", "much longer content than before");
    String same = "content of etc/acme/account.json";
    write("etc/acme/account.json", "CONTENT of etc/acme/account.json");
    assertEquals(same.length(), Files.size(data.resolve("etc/acme/account.json")), "the same size");
    ManifestCheck.Result result = ManifestCheck.check(manifest, data);
    assertEquals(List.of("etc/acme/account.json has other content (SHA-256 differs)",
        "etc/backup/kept has 31 bytes, not 26"), result.problems().stream().sorted().toList());
    assertEquals(3, result.checked());
    assertEquals(1, result.deletedDuringBackup(), "restic fails a run for a file it cannot read: absent means deleted");
    assertTrue(result.describe().endsWith(", 1 deleted while it ran (hashed, then gone before restic read them); 2 do"
        + " not: etc/acme/account.json has other content (SHA-256 differs); etc/backup/kept has 31 bytes, not 26"),
        result.describe());
  }

  @Test
  void aFileWhoseTimeChangedChangedDuringTheBackupAndIsNoProblem() throws Exception {
    Manifest manifest = manifest();
    Path changed = write("vault/a b/file with spaces", "written while restic read the files");
    Files.setLastModifiedTime(changed, FileTime.from(MTIME.toInstant().plusSeconds(5)));
    ManifestCheck.Result result = ManifestCheck.check(manifest, data);
    assertTrue(result.ok(), result.describe());
    assertEquals(1, result.changedDuringBackup());
    assertEquals(5, result.checked());
    assertTrue(result.describe().endsWith(", 1 changed while the backup ran (not compared)"), result.describe());
  }

  @Test
  void aFileOlderThanTheManifestSaysIsAProblem() throws Exception {
    Manifest manifest = manifest();
    Path older = data.resolve("vault/a b/file with spaces");
    Files.setLastModifiedTime(older, FileTime.from(MTIME.toInstant().minusSeconds(60)));
    ManifestCheck.Result result = ManifestCheck.check(manifest, data);
    assertEquals(1, result.problems().size(), result.describe());
    assertTrue(result.problems().get(0).startsWith("vault/a b/file with spaces is older than the manifest says"),
        result.problems().toString());
  }

  @Test
  void aLinkWhereAFileWasIsAProblem() throws Exception {
    Manifest manifest = manifest();
    Files.delete(data.resolve("etc/backup/kept"));
    Files.createSymbolicLink(data.resolve("etc/backup/kept"), data.resolve("tls/server.crt"));
    assertEquals(List.of("etc/backup/kept is not a regular file"), ManifestCheck.check(manifest, data).problems());
  }

  private Manifest manifest() throws Exception {
    return new Manifest(Manifest.FORMAT, "2026-12-01T22:30:00Z", "r", "1", "2", "reference", Map.of(), "", null,
        Manifest.files(data));
  }
}
