package dev.appliance.env.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The calendar check agrees with systemd itself, which is what reads these expressions on the appliance. */
class CalendarTypeTest {

  static final List<String> EXPRESSIONS = List.of("daily", "Daily", "weekly", "quarterly", "minutely", "mon",
      "Mon..Fri 06:30", "*-*-* 06:30:00", "06:30", "6:30", "*-*-*", "Mon,Wed *-*-* 22:30", "*-02~03", "*:0/15",
      "*-*-* 06:30 UTC", "*-*-* 06:30 Europe/Vienna", "06:30:00.5", "*-*-1,15 3:0", "*-1/2-1", "2026-*-* *:*:*", "*:*",
      "1-1", "Sat,Sun 10:00", "Monday..Friday 08:00",
      "2026-13-01", "*-*-* 24:00", "*-*-* 06:61", "Mon 1..5", "*-*-* 06:30 Mars/Base", "Fri..Mon", "every day",
      "*-*-32", "Mon Tue", "12:00 Mon", "*-*-* 06:30:00 06:30", "Funday", "*-*-* 1:2:3:4", "0-0-0");

  @ParameterizedTest
  @ValueSource(strings = {"daily", "*-*-* 06:30:00", "Mon..Fri 22:30", "*:0/15", "*-*-* 05:00:00 Europe/Vienna"})
  void acceptsTypicalExpressions(String expression) {
    assertEquals(java.util.Optional.empty(), CalendarType.problem(expression));
  }

  @ParameterizedTest
  @ValueSource(strings = {"every night", "*-*-* 25:00", "Fri..Mon", "*-13-01", "06:30 Mon"})
  void refusesBrokenExpressions(String expression) {
    assertEquals(true, CalendarType.problem(expression).isPresent());
  }

  @Test
  void agreesWithSystemdAnalyze() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
    for (String expression : EXPRESSIONS) {
      Process process = new ProcessBuilder("systemd-analyze", "calendar", expression).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor(10, TimeUnit.SECONDS);
      boolean systemdAccepts = process.exitValue() == 0;
      assertEquals(systemdAccepts, CalendarType.problem(expression).isEmpty(),
          "'" + expression + "': systemd " + (systemdAccepts ? "accepts" : "refuses") + " it, we say "
              + CalendarType.problem(expression).orElse("ok"));
    }
  }
}
