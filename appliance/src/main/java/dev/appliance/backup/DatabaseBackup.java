package dev.appliance.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.app.CountingStream;
import dev.appliance.app.PostgresCommands;
import dev.appliance.containers.StackContainers;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The database's part of a run: pg_dump's custom format streamed from the database container through this process
 * (which takes its SHA-256 and size on the way) into {@code restic backup --stdin}; nothing is written to disk. The
 * row counts come from the dump's own snapshot, so that a restore can be held against them exactly.
 */
final class DatabaseBackup {

  /** What was dumped, and where it went. */
  record Dump(String snapshotId, String file, String sha256, long bytes, Map<String, Long> rows, long added) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private DatabaseBackup() {}

  static Dump run(StackContainers containers, String service, String database, Restic restic, String host,
      List<String> tags, Instant time, Consumer<JsonNode> status) throws IOException, InterruptedException {
    String file = database + ".pgdump";
    StringBuilder errors = new StringBuilder();
    MessageDigest sha = sha256();
    long code;
    CountingStream counted;
    Map<String, Long> rows;
    Restic.StdinBackup backup = restic.startBackupStdin(file, host, tags, time, status);
    try (OutputStream input = backup.stdin()) {
      counted = new CountingStream(new DigestOutputStream(input, sha));
      code = containers.exec(service, "postgres", PostgresCommands.snapshotDump(database), counted, errors);
      if (code != 0 || counted.bytes() == 0) {
        // restic must not save what it got: ended before its input is, it saves nothing.
        backup.close();
        throw new IOException("pg_dump of " + database + " in " + service + " failed (exit " + code + "): "
            + errors.toString().strip());
      }
      rows = rows(errors.toString());
    } catch (IOException | InterruptedException | RuntimeException e) {
      backup.close();
      String said = backup.errors();
      if (!said.isEmpty() && e instanceof IOException) {
        throw new IOException(e.getMessage() + "; restic said: " + said, e);
      }
      throw e;
    }
    Restic.Summary summary = backup.finish();
    return new Dump(summary.snapshotId(), file, HexFormat.of().formatHex(sha.digest()), counted.bytes(), rows,
        summary.dataAdded());
  }

  /** The row counts psql printed after the mark. */
  static Map<String, Long> rows(String stderr) throws IOException {
    String line = stderr.lines().filter(l -> l.startsWith(PostgresCommands.ROWS_MARK)).findFirst()
        .orElseThrow(() -> new IOException("psql printed no row counts: " + stderr.strip()));
    return parseCounts(line.substring(PostgresCommands.ROWS_MARK.length()));
  }

  static Map<String, Long> parseCounts(String json) throws IOException {
    return new TreeMap<>(JSON.readValue(json.strip(), new TypeReference<Map<String, Long>>() { }));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
