package dev.appliance.env.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CalendarExpressionTest {

  private static final String FIX = "; fix: write it like '*-*-* 06:30:00' or 'Mon..Fri 22:30', and test it with"
      + " 'systemd-analyze calendar'";

  @ParameterizedTest
  @ValueSource(strings = {"*-*-* 22:30:00", "daily", "Mon..Fri 22:30", "Sat *-*-1..7 04:00 Europe/Vienna", "*:0/15"})
  void parsesAValidExpression(String expression) {
    assertEquals(expression, CalendarExpression.parse(expression).expression());
  }

  @Test
  void dropsSurroundingBlanks() {
    assertEquals("daily", CalendarExpression.parse("  daily ").expression());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "*-*-* 25:00   | '*-*-* 25:00' is not a calendar expression: the hour 25 is out of range 0..23",
      "Fri..Mon 1:00 | 'Fri..Mon 1:00' is not a calendar expression: the weekday range 'Fri..Mon' runs backwards",
      "nightly       | 'nightly' is not a calendar expression: 'nightly' is not a weekday (Mon, Tue, ... or a range like Mon..Fri)",
      "'   '         | '   ' is not a calendar expression: it is empty"})
  void refusesAnInvalidExpressionSayingWhyAndHowToFixIt(String expression, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalendarExpression.parse(expression));
    assertEquals(message + FIX, e.getMessage());
  }

  @Test
  void isEqualByExpression() {
    assertEquals(CalendarExpression.parse("daily"), CalendarExpression.parse(" daily"));
    assertEquals(CalendarExpression.parse("daily").hashCode(), CalendarExpression.parse("daily").hashCode());
    assertNotEquals(CalendarExpression.parse("daily"), CalendarExpression.parse("weekly"));
  }

  @Test
  void printsAsTheExpression() {
    assertEquals("OnCalendar=*-*-* 06:30:00", "OnCalendar=" + CalendarExpression.parse("*-*-* 06:30:00"));
  }
}
