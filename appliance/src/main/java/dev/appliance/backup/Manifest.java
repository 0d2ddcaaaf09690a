package dev.appliance.backup;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run backed up, written as {@code /data/etc/backup/manifest.json} just before the files' snapshot, which
 * holds it: every file's size, modification time and SHA-256 (relative to /data), the database dump's SHA-256, size,
 * snapshot and per-table row counts, the stack's image IDs, the versions, and the env's SHA-256 (never its content:
 * it holds the repository's password). A restore is held against it.
 */
public record Manifest(@JsonProperty("format") int format, @JsonProperty("created") String created,
    @JsonProperty("run") String run, @JsonProperty("appliance_version") String applianceVersion,
    @JsonProperty("app_version") String appVersion, @JsonProperty("stack") String stack,
    @JsonProperty("images") Map<String, String> images, @JsonProperty("env_sha256") String envSha256,
    @JsonProperty("database") Database database, @JsonProperty("files") List<FileEntry> files) {

  public static final int FORMAT = 1;
  /** Where it is written, relative to /data. */
  public static final String PATH = "etc/backup/manifest.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The dump in the run's database snapshot. */
  public record Database(@JsonProperty("name") String name, @JsonProperty("snapshot") String snapshot,
      @JsonProperty("file") String file, @JsonProperty("sha256") String sha256, @JsonProperty("bytes") long bytes,
      @JsonProperty("rows") Map<String, Long> rows) {}

  /** A file as it was when the run hashed it; {@code mtime} in nanoseconds since the epoch. */
  public record FileEntry(@JsonProperty("path") String path, @JsonProperty("size") long size,
      @JsonProperty("mtime") long mtime, @JsonProperty("sha256") String sha256) {}

  public byte[] json() throws IOException {
    return JSON.writeValueAsBytes(this);
  }

  public static Manifest read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), Manifest.class);
  }

  /** The manifest the last run wrote, if it can be read: its hashes stand for files it saw unchanged. */
  static Optional<Manifest> previous(Path data) {
    try {
      return Optional.of(read(data.resolve(PATH)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Every regular file under {@code data} that a backup holds, hashed; the manifest itself left out. */
  static List<FileEntry> files(Path data) throws IOException {
    return files(data, Optional.empty());
  }

  /**
   * As {@link #files(Path)}, a file of the same path, size and modification time (to the nanosecond) as in
   * {@code previous} keeping its hash there.
   */
  static List<FileEntry> files(Path data, Optional<Manifest> previous) throws IOException {
    Map<String, FileEntry> known = new java.util.HashMap<>();
    previous.ifPresent(p -> p.files().forEach(entry -> known.put(entry.path(), entry)));
    List<FileEntry> files = new ArrayList<>();
    BackupContents.forEachFile(data, (file, relative, attributes) -> {
      if (!relative.equals(PATH)) {
        FileEntry seen = known.get(relative);
        boolean unchanged = seen != null && seen.size() == attributes.size() && seen.mtime() == nanos(attributes);
        files.add(unchanged ? seen : entry(file, relative));
      }
    });
    files.sort(java.util.Comparator.comparing(FileEntry::path));
    return files;
  }

  static FileEntry entry(Path file, String relative) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new FileEntry(relative, attributes.size(), nanos(attributes), sha256(file));
  }

  static long nanos(BasicFileAttributes attributes) {
    var time = attributes.lastModifiedTime().toInstant();
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }

  static String sha256(Path file) throws IOException {
    MessageDigest sha = DatabaseBackup.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
