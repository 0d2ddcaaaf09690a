package dev.appliance.update;

import dev.appliance.app.PostgresCommands;
import dev.appliance.backup.DatabaseRestore;
import dev.appliance.containers.StackContainers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The database around an update: the dump checked with {@code pg_restore --list}, its tables' row counts, its size,
 * and, for a rollback, the database dropped and created again, then the dump restored into it in one transaction
 * (nothing a failed migration made is left behind) and its row counts compared with the dump's.
 */
final class UpdateDatabase {

  private final StackContainers containers;
  private final String service;
  private final String database;

  UpdateDatabase(StackContainers containers, String service, String database) {
    this.containers = containers;
    this.service = service;
    this.database = database;
  }

  /** pg_restore reads the whole dump's table of contents, or this says why not. */
  void check(Path dump) throws IOException, InterruptedException {
    long bytes = Files.size(dump);
    try (InputStream in = Files.newInputStream(dump)) {
      String out = run(List.of("sh", "-c", "head -c \"$1\" | pg_restore --list > /dev/null", "sh", String.valueOf(bytes)),
          in, "pg_restore --list of " + dump);
      if (!out.isBlank()) {
        throw new IOException("pg_restore --list of " + dump + " said: " + out.strip());
      }
    }
  }

  Map<String, Long> rows() throws IOException, InterruptedException {
    return new TreeMap<>(DatabaseRestore.rowCounts(containers, service, database));
  }

  /** The database's size on disk, in bytes. */
  long bytes() throws IOException, InterruptedException {
    return Long.parseLong(sql("SELECT pg_database_size(" + literal(database) + ")").strip());
  }

  /** The database's owner. */
  String owner() throws IOException, InterruptedException {
    String owner = sql("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = " + literal(database)).strip();
    if (owner.isEmpty()) {
      throw new IOException("there is no database " + database);
    }
    return owner;
  }

  /**
   * Checks {@code dump} first (a dump that is gone or damaged leaves the database as it is), then drops the database,
   * creates it again owned by {@code owner}, restores the dump and checks its row counts.
   */
  void restore(Path dump, String owner, Map<String, Long> expected) throws IOException, InterruptedException {
    if (!Files.isRegularFile(dump)) {
      throw new IOException("the dump " + dump + " is gone; the database was left as it is");
    }
    check(dump);
    sql("DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
    sql("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(owner));
    long bytes = Files.size(dump);
    try (InputStream in = Files.newInputStream(dump)) {
      run(PostgresCommands.restore(database, bytes), in, "pg_restore of " + dump + " into " + database);
    }
    Map<String, Long> rows = rows();
    if (!rows.equals(new TreeMap<>(expected))) {
      throw new IOException("the restored database's row counts " + rows + " differ from the dump's " + new TreeMap<>(expected));
    }
  }

  private String sql(String statement) throws IOException, InterruptedException {
    return run(List.of("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "--dbname=postgres", "-c", statement), null,
        "psql " + statement);
  }

  private String run(List<String> command, InputStream stdin, String what) throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder errors = new StringBuilder();
    long code = containers.exec(service, "postgres", command, stdin, out, errors);
    if (code != 0) {
      throw new IOException(what + " failed (exit " + code + "): " + errors.toString().strip());
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
