package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A systemd calendar expression (systemd.time(7)), as {@code OnCalendar=} takes it: {@code [weekdays] [date] [time]
 * [timezone]} or a shorthand such as {@code daily}. Checked here so that a bad one is found on the workstation,
 * not by systemd on the appliance.
 */
public final class CalendarType extends TextType {

  private static final List<String> SHORTHANDS = List.of("minutely", "hourly", "daily", "weekly", "monthly", "yearly",
      "annually", "quarterly", "semiannually");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final List<String> DAY_NAMES = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday");
  private static final Pattern WEEKDAY_RANGE = Pattern.compile("([A-Za-z]+)(?:\\.\\.([A-Za-z]+))?");
  private static final Pattern ITEM = Pattern.compile("(\\*|\\d+(?:\\.\\d+)?)(?:\\.\\.(\\d+(?:\\.\\d+)?))?(?:/(\\d+(?:\\.\\d+)?))?");
  private static final Pattern DATE = Pattern.compile("(?:([^-~]+)-)?([^-~]+)([-~])([^-~]+)");
  private static final String FIX = "write it like '*-*-* 06:30:00' or 'Mon..Fri 22:30', and test it with 'systemd-analyze calendar'";

  public CalendarType() {
    super("a systemd calendar expression (like *-*-* 06:30:00)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    return complaint(text);
  }

  /** What is wrong with {@code text} and how to fix it, in full, if it is not a calendar expression. */
  public static Optional<Complaint> complaint(String text) {
    return problem(text.strip()).map(why -> new Complaint("'" + text + "' is not a calendar expression: " + why, FIX));
  }

  /** Why {@code expression} is invalid, if it is. */
  public static Optional<String> problem(String expression) {
    if (expression.isBlank()) {
      return Optional.of("it is empty");
    }
    if (SHORTHANDS.contains(expression.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    String[] tokens = expression.split("\\s+");
    int i = 0;
    if (i < tokens.length && Character.isLetter(tokens[i].charAt(0)) && !isZone(tokens, i)) {
      Optional<String> weekdays = weekdays(tokens[i++]);
      if (weekdays.isPresent()) {
        return weekdays;
      }
    }
    boolean dateOrTime = false;
    if (i < tokens.length && (tokens[i].contains("-") || tokens[i].contains("~")) && !tokens[i].contains(":")) {
      Optional<String> date = date(tokens[i++]);
      if (date.isPresent()) {
        return date;
      }
      dateOrTime = true;
    }
    if (i < tokens.length && tokens[i].contains(":")) {
      Optional<String> time = time(tokens[i++]);
      if (time.isPresent()) {
        return time;
      }
      dateOrTime = true;
    }
    if (i < tokens.length && (dateOrTime || i > 0) && isZone(tokens, i)) {
      i++;
    }
    if (i == 0 && tokens.length > 0) {
      return Optional.of("'" + tokens[0] + "' is neither a weekday, a date (Y-M-D) nor a time (H:M:S)");
    }
    if (i < tokens.length) {
      return Optional.of("unexpected '" + tokens[i] + "' (the order is: weekdays, date, time, time zone)");
    }
    return Optional.empty();
  }

  private static boolean isZone(String[] tokens, int i) {
    if (i != tokens.length - 1) {
      return false;
    }
    try {
      ZoneId.of(tokens[i]);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static Optional<String> weekdays(String token) {
    for (String part : token.split(",", -1)) {
      Matcher m = WEEKDAY_RANGE.matcher(part);
      if (!m.matches() || day(m.group(1)) < 0 || m.group(2) != null && day(m.group(2)) < 0) {
        return Optional.of("'" + part + "' is not a weekday (Mon, Tue, ... or a range like Mon..Fri)");
      }
      if (m.group(2) != null && day(m.group(2)) < day(m.group(1))) {
        return Optional.of("the weekday range '" + part + "' runs backwards");
      }
    }
    return Optional.empty();
  }

  private static int day(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    int index = DAYS.indexOf(lower);
    return index >= 0 ? index : DAY_NAMES.indexOf(lower);
  }

  private static Optional<String> date(String token) {
    Matcher m = DATE.matcher(token);
    if (!m.matches()) {
      return Optional.of("'" + token + "' is not a date (YEAR-MONTH-DAY, each a number, a list, a range or *)");
    }
    return first(
        m.group(1) == null ? Optional.empty() : component(m.group(1), "year", 1970, 2199),
        component(m.group(2), "month", 1, 12),
        component(m.group(4), "day", 1, 31));
  }

  private static Optional<String> time(String token) {
    String[] parts = token.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return Optional.of("'" + token + "' is not a time (HOUR:MINUTE or HOUR:MINUTE:SECOND)");
    }
    return first(component(parts[0], "hour", 0, 23), component(parts[1], "minute", 0, 59),
        parts.length == 3 ? component(parts[2], "second", 0, 59) : Optional.empty());
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... problems) {
    for (Optional<String> problem : problems) {
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> component(String text, String name, int min, int max) {
    for (String item : text.split(",", -1)) {
      Matcher m = ITEM.matcher(item);
      if (!m.matches()) {
        return Optional.of("the " + name + " '" + item + "' is not a number, a range (a..b), a repetition (a/n) or *");
      }
      for (int g = 1; g <= 2; g++) {
        String n = m.group(g);
        if (n != null && !n.equals("*") && (Double.parseDouble(n) < min || Double.parseDouble(n) > max)) {
          return Optional.of("the " + name + " " + n + " is out of range " + min + ".." + max);
        }
      }
    }
    return Optional.empty();
  }
}
