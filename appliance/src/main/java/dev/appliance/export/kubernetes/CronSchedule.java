package dev.appliance.export.kubernetes;

import dev.appliance.env.model.CalendarExpression;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The env's backup schedule (a systemd calendar expression) as a CronJob's: the daily forms translate exactly, any
 * other becomes {@link #FALLBACK}, which the notes say.
 */
final class CronSchedule {

  /** Daily at 02:30, for a calendar expression cron cannot say. */
  static final String FALLBACK = "30 2 * * *";

  private static final Pattern DAILY_AT = Pattern.compile("(?:\\*-\\*-\\*\\s+)?([0-9]{1,2}):([0-9]{2})(?::00)?");

  private CronSchedule() {}

  /** The cron schedule of {@code calendar}, empty if it is not daily at a minute. */
  static Optional<String> of(CalendarExpression calendar) {
    String text = calendar.expression();
    if (text.equals("daily")) {
      return Optional.of("0 0 * * *");
    }
    Matcher matcher = DAILY_AT.matcher(text);
    if (matcher.matches()) {
      return Optional.of(Integer.parseInt(matcher.group(2)) + " " + Integer.parseInt(matcher.group(1)) + " * * *");
    }
    return Optional.empty();
  }
}
