package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.app.PostgresCommands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The row counts psql prints on standard error beside pg_dump's own messages. */
class DatabaseBackupTest {

  @Test
  void theCountsAreTheMarkedLineAmongTheOthers() throws Exception {
    String stderr = "pg_dump: warning: there are circular foreign-key constraints on this table:\n"
        + "NOTICE:  relation \"x\" does not exist, skipping\n"
        + PostgresCommands.ROWS_MARK + "{\"public.items\" : 12, \"public.orders\" : 40000000000}\n"
        + "WARNING:  something after\n";
    assertEquals(Map.of("public.items", 12L, "public.orders", 40_000_000_000L), DatabaseBackup.rows(stderr));
  }

  @Test
  void onlyALineThatStartsWithTheMarkIsTheCounts() throws Exception {
    String stderr = "LOG:  statement: \\warn " + PostgresCommands.ROWS_MARK + ":counts\n"
        + PostgresCommands.ROWS_MARK + "{\"public.t\" : 1}\n";
    assertEquals(Map.of("public.t", 1L), DatabaseBackup.rows(stderr), "not a line that quotes the script");
  }

  @Test
  void namesWithSpacesAndQuotesSurvive() throws Exception {
    Map<String, Long> rows = DatabaseBackup.rows(PostgresCommands.ROWS_MARK
        + "{\"my schema.odd \\\"name\\\"\" : 3, \"public.it's\" : 0, \"public.naïve\" : 1}");
    assertEquals(Map.of("my schema.odd \"name\"", 3L, "public.it's", 0L, "public.naïve", 1L), rows);
    assertEquals("[my schema.odd \"name\", public.it's, public.naïve]", rows.keySet().toString(), "sorted");
    assertEquals(Map.of(), DatabaseBackup.parseCounts(" {}\n"), "a database without tables");
  }

  @Test
  void withoutTheMarkedLineItFailsQuotingWhatPsqlPrinted() {
    IOException e = assertThrows(IOException.class,
        () -> DatabaseBackup.rows("psql: error: connection to server failed\n  FATAL: role \"x\" does not exist\n"));
    assertEquals("psql printed no row counts: psql: error: connection to server failed\n  FATAL: role \"x\" does not exist",
        e.getMessage());
    assertThrows(IOException.class, () -> DatabaseBackup.rows(PostgresCommands.ROWS_MARK + "{\"t\": \"many\"}"),
        "counts are numbers");
  }

  @Test
  void whatPassesIsCounted() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    dev.appliance.app.CountingStream counting = new dev.appliance.app.CountingStream(out);
    counting.write(new byte[] {1, 2, 3, 4}, 1, 2);
    counting.write(9);
    assertEquals(3, counting.bytes());
    assertTrue(java.util.Arrays.equals(new byte[] {2, 3, 9}, out.toByteArray()));
  }
}
