package dev.appliance.env.model;

import dev.appliance.env.types.CalendarType;
import java.util.Objects;

/**
 * A systemd calendar expression as {@code OnCalendar=} takes it (systemd.time(7)), checked by {@link CalendarType}.
 * {@link #toString()} is the expression, ready for a timer unit.
 *
 * @param expression the expression without surrounding blanks, like {@code *-*-* 22:30:00} or {@code daily}
 */
public record CalendarExpression(String expression) {

  /** @throws IllegalArgumentException if it is not a calendar expression; the message says why and how to fix it */
  public CalendarExpression {
    Objects.requireNonNull(expression, "expression");
    CalendarType.complaint(expression).ifPresent(why -> {
      throw new IllegalArgumentException(why.message() + "; fix: " + why.fix());
    });
    expression = expression.strip();
  }

  /**
   * The calendar expression {@code expression}.
   *
   * @throws IllegalArgumentException if it is not valid; the message says why and how to fix it
   */
  public static CalendarExpression parse(String expression) {
    return new CalendarExpression(expression);
  }

  @Override
  public String toString() {
    return expression;
  }
}
