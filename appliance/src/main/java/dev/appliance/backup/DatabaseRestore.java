package dev.appliance.backup;

import dev.appliance.app.PostgresCommands;
import dev.appliance.containers.StackContainers;
import dev.appliance.engine.Engine;
import dev.appliance.env.process.ProcessRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's dump put back: {@code restic dump} streamed through this process (its SHA-256 taken on the way) into
 * pg_restore in the database container, in one transaction; then the dump held against the manifest and every
 * table's row count against the counts of the dump's snapshot.
 */
public final class DatabaseRestore {

  /** The database container, as the commands reach it (as its postgres user). */
  @FunctionalInterface
  interface Database {
    long exec(List<String> command, InputStream stdin, OutputStream stdout, StringBuilder stderr) throws InterruptedException;

    /** {@code service}'s container of the stack. */
    static Database of(StackContainers containers, String service) {
      return (command, stdin, stdout, stderr) -> containers.exec(service, "postgres", command, stdin, stdout, stderr);
    }

    /** The container called {@code name}. */
    static Database of(Engine engine, String name) {
      return (command, stdin, stdout, stderr) -> engine.exec(name, "postgres", command, stdin, stdout, stderr);
    }
  }

  private DatabaseRestore() {}

  /** Restores the dump {@code database} from {@code snapshot} into the container; returns what differs (empty: nothing). */
  static String restore(Restic restic, Database container, String snapshot, Manifest.Database database)
      throws IOException, InterruptedException {
    MessageDigest sha = DatabaseBackup.sha256();
    StringBuilder errors = new StringBuilder();
    long code;
    ProcessRunner.Started dump = restic.startDump(snapshot, database.file());
    Whole in = new Whole(new DigestInputStream(dump.stdout(), sha), database.bytes());
    try (in) {
      code = container.exec(PostgresCommands.restore(database.name(), database.bytes()), in,
          OutputStream.nullOutputStream(), errors);
      in.transferTo(OutputStream.nullOutputStream()); // whatever pg_restore left unread still counts for the SHA-256
    }
    try {
      dump.finish(Restic.SHORT);
    } catch (ProcessRunner.ProcessException e) {
      throw new IOException("the dump of snapshot " + BackupRun.shortId(snapshot) + " cannot be read: "
          + e.stderr().strip(), e);
    }
    if (in.read < database.bytes()) {
      throw new IOException("the dump of snapshot " + BackupRun.shortId(snapshot) + " read back ended after " + in.read
          + " of its " + database.bytes() + " bytes; nothing of it was kept (pg_restore runs in one transaction)");
    }
    if (code != 0) {
      throw new IOException("pg_restore into " + database.name() + " failed (exit " + code + "): " + errors.toString().strip());
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (!got.equals(database.sha256())) {
      return "the dump read back has SHA-256 " + got + ", the manifest says " + database.sha256();
    }
    Map<String, Long> rows = rowCounts(container, database.name());
    if (!rows.equals(new TreeMap<>(database.rows()))) {
      return "the restored tables' row counts " + rows + " differ from the backup's " + new TreeMap<>(database.rows());
    }
    return "";
  }

  /**
   * The dump as pg_restore's input: at least {@code bytes} long, whatever restic gives. Should restic end early (a
   * damaged pack, a lost connection), zeros make up the rest, so that {@code head -c} ends and pg_restore fails on
   * them (the engine cannot pass the end of the input on), instead of waiting for ever; {@link #read} says so.
   */
  private static final class Whole extends java.io.FilterInputStream {
    private final long bytes;
    private long read;
    private long padded;

    Whole(InputStream in, long bytes) {
      super(in);
      this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n >= 0) {
        read += n;
        return n;
      }
      long missing = bytes - read - padded;
      if (missing <= 0) {
        return -1;
      }
      int zeros = (int) Math.min(length, missing);
      java.util.Arrays.fill(buffer, offset, offset + zeros, (byte) 0);
      padded += zeros;
      return zeros;
    }
  }

  /** Every table's row count of {@code database} in {@code service}'s container. */
  public static Map<String, Long> rowCounts(StackContainers containers, String service, String database)
      throws IOException, InterruptedException {
    return rowCounts(Database.of(containers, service), database);
  }

  static Map<String, Long> rowCounts(Database container, String database) throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder errors = new StringBuilder();
    long code = container.exec(PostgresCommands.rowCounts(database), null, out, errors);
    if (code != 0) {
      throw new IOException("counting the rows of " + database + " failed (exit " + code + "): " + errors.toString().strip());
    }
    return DatabaseBackup.parseCounts(out.toString(StandardCharsets.UTF_8));
  }
}
