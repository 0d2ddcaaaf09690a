package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.support.FakeTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** restic's status lines as people read them: rewritten on a terminal, a log line every 30 s otherwise. */
class ProgressTest {

  private static final String FILES_STATUS = "{\"message_type\":\"status\",\"seconds_elapsed\":10,\"seconds_remaining\":20,"
      + "\"percent_done\":0.3333,\"total_files\":300,\"files_done\":100,\"total_bytes\":31457280,\"bytes_done\":10485760}";
  /** A backup of standard input knows neither the files nor the total. */
  private static final String STDIN_STATUS = "{\"message_type\":\"status\",\"seconds_elapsed\":4,\"bytes_done\":8388608}";

  private final FakeTime time = new FakeTime(Instant.parse("2026-12-01T22:30:00Z"));
  private final List<String> log = new ArrayList<>();

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  private static JsonNode status(long bytesDone) throws Exception {
    return json("{\"bytes_done\":" + bytesDone + "}");
  }

  @Test
  void aStatusSaysTheFilesBytesShareRateAndTimeLeft() throws Exception {
    Progress progress = Progress.of("backup", Optional.empty(), log::add, time);
    assertEquals("backup: 100/300 files, 10.0 MiB of 30.0 MiB (33 %), 1.0 MiB/s, 20 s left",
        progress.describe(json(FILES_STATUS)));
    assertEquals("backup: 8.0 MiB, 2.0 MiB/s", progress.describe(json(STDIN_STATUS)));
    assertEquals("backup: 0.0 MiB", progress.describe(json("{\"seconds_elapsed\":0}")), "no rate before a second passed");
  }

  @Test
  void withoutATerminalOneLineIsLoggedEveryThirtySeconds() throws Exception {
    Progress progress = Progress.of("database", Optional.empty(), log::add, time);
    progress.accept(status(1));
    time.sleep(Duration.ofSeconds(29));
    progress.accept(status(2));
    assertEquals(List.of(), log, "not before 30 s");
    time.sleep(Duration.ofSeconds(1));
    progress.accept(status(1048576));
    progress.accept(status(2097152));
    assertEquals(List.of("database: 1.0 MiB"), log);
    time.sleep(Duration.ofSeconds(29));
    progress.accept(status(3145728));
    time.sleep(Duration.ofSeconds(31));
    progress.accept(status(4194304));
    assertEquals(List.of("database: 1.0 MiB", "database: 4.0 MiB"), log, "30 s after the last line, not the first");
    progress.done();
  }

  @Test
  void onATerminalTheLineIsRewrittenInPlaceAndEndedWhenDone() throws Exception {
    StringWriter out = new StringWriter();
    Progress progress = Progress.of("restore", Optional.of(new PrintWriter(out)), log::add, time);
    progress.accept(status(1048576));
    progress.accept(status(2097152));
    assertEquals("\r\033[Krestore: 1.0 MiB\r\033[Krestore: 2.0 MiB", out.toString());
    progress.done();
    progress.done();
    assertEquals("\r\033[Krestore: 1.0 MiB\r\033[Krestore: 2.0 MiB" + System.lineSeparator(), out.toString(), "one line end");
    time.sleep(Duration.ofMinutes(5));
    progress.accept(status(3145728));
    assertEquals(List.of(), log, "a terminal instead of the log");
  }

  @Test
  void doneWithNothingShownPrintsNothing() {
    StringWriter out = new StringWriter();
    Progress.of("restore", Optional.of(new PrintWriter(out)), log::add, time).done();
    Progress.of("restore", Optional.empty(), log::add, time).done();
    assertEquals("", out.toString());
  }
}
