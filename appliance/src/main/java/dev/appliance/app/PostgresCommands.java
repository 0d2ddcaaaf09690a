package dev.appliance.app;

import java.util.List;

/** The PostgreSQL client programs the appliance runs inside the database container, as argument lists. */
public final class PostgresCommands {

  private PostgresCommands() {}

  /** A custom-format dump of {@code database} to standard output (restorable with pg_restore, compressed). */
  public static List<String> dump(String database) {
    return List.of("pg_dump", "-Fc", "--dbname=" + database);
  }
}
