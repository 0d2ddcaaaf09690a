package dev.appliance.app;

import java.util.List;

/** The PostgreSQL client programs the appliance runs inside the database container, as argument lists. */
public final class PostgresCommands {

  private PostgresCommands() {}

  /** Every table's exact row count as one JSON object ({@code {"public.t": 12}}), in the current transaction. */
  private static final String ROW_COUNTS = "SELECT coalesce(json_object_agg(n.nspname || '.' || c.relname,"
      + " (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname),"
      + " false, true, '')))[1]::text::bigint), '{}') AS counts FROM pg_class c JOIN pg_namespace n"
      + " ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog',"
      + " 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'";

  /** The line on standard error before the row counts of {@link #snapshotDump}. */
  public static final String ROWS_MARK = "APPLIANCE-ROWS ";

  /**
   * A custom-format dump of {@code database} to standard output, and on standard error the row counts of the very
   * same snapshot (pg_dump joins the transaction's exported snapshot), after {@link #ROWS_MARK}. A shell inside the
   * container runs it: psql reads its script from the here-document, since the engine cannot end an exec's input.
   */
  public static List<String> snapshotDump(String database) {
    String script = "exec psql -X -q -At -v ON_ERROR_STOP=1 --dbname=\"$1\" <<'SQL'\n"
        + "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;\n"
        + "SELECT pg_export_snapshot() AS snapshot \\gset\n"
        + "\\setenv APPLIANCE_SNAPSHOT :snapshot\n"
        + "\\setenv APPLIANCE_DATABASE :DBNAME\n"
        + "\\! pg_dump -Fc --snapshot=\"$APPLIANCE_SNAPSHOT\" --dbname=\"$APPLIANCE_DATABASE\" || kill $PPID\n"
        + ROW_COUNTS + " \\gset\n"
        + "\\warn " + ROWS_MARK.strip() + " :counts\n"
        + "COMMIT;\n"
        + "SQL\n";
    return List.of("sh", "-c", script, "sh", database);
  }

  /** The row counts of {@link #snapshotDump}, alone, as one JSON line on standard output. */
  public static List<String> rowCounts(String database) {
    return List.of("psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "--dbname=" + database, "-c", ROW_COUNTS);
  }

  /**
   * Restores a custom-format dump of {@code bytes} bytes read from standard input into {@code database}, in one
   * transaction, stopping at the first error. head ends the input after the dump: the engine cannot.
   */
  public static List<String> restore(String database, long bytes) {
    return List.of("sh", "-c", "head -c \"$1\" | pg_restore --exit-on-error --single-transaction --dbname=\"$2\"",
        "sh", String.valueOf(bytes), database);
  }

  /** A custom-format dump of {@code database} to standard output (restorable with pg_restore, compressed). */
  public static List<String> dump(String database) {
    return List.of("pg_dump", "-Fc", "--dbname=" + database);
  }
}
