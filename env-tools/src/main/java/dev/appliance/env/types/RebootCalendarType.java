package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.util.Optional;

/**
 * {@code never}, or a systemd calendar expression checked as {@link CalendarType} checks it: when the appliance may
 * reboot for an update that needs one.
 */
public final class RebootCalendarType extends TextType {

  /** The value that turns reboots off. */
  public static final String NEVER = "never";

  public RebootCalendarType() {
    super("never, or a systemd calendar expression (like Sun *-*-* 04:00:00)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    if (text.strip().equals(NEVER)) {
      return Optional.empty();
    }
    return CalendarType.complaint(text).map(why -> new Complaint(why.message(), "write never (no reboots) or a calendar expression: " + why.fix()));
  }
}
