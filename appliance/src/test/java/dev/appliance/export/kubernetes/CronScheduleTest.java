package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.env.model.CalendarExpression;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void dailyCalendarExpressionsBecomeCronAndOthersNothing() {
    assertEquals(Optional.of("30 22 * * *"), CronSchedule.of(CalendarExpression.parse("*-*-* 22:30:00")));
    assertEquals(Optional.of("5 3 * * *"), CronSchedule.of(CalendarExpression.parse("03:05")));
    assertEquals(Optional.of("0 0 * * *"), CronSchedule.of(CalendarExpression.parse("daily")));
    assertEquals(Optional.empty(), CronSchedule.of(CalendarExpression.parse("Sun *-*-* 04:00:00")));
  }

  @Test
  void memoryLimitsAreWrittenInTheirLargestBinaryUnit() {
    assertEquals(new Quantity("512Mi"), Sizes.bytes(512L * 1024 * 1024));
    assertEquals(new Quantity("1536Ki"), Sizes.bytes(1536L * 1024));
    assertEquals(new Quantity("1000"), Sizes.bytes(1000));
  }
}
