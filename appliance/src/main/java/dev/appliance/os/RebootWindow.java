package dev.appliance.os;

import dev.appliance.env.model.CalendarExpression;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the machine reboots now: {@code /run/reboot-required} exists (Debian's and Ubuntu's flag, set by the
 * packages that need one), {@code appliance/update/reboot} is set, and its calendar expression elapsed within the
 * last hour. appliance-reboot.timer runs {@code appliance update --os} at that expression, so its runs reboot and a
 * run at another time (by hand, or the update window's) does not. systemd itself says when the expression elapses:
 * {@code systemd-analyze calendar --base-time=NOW-1h}, in the machine's time zone as the timer reads it.
 */
final class RebootWindow {

  /** How long after the expression's time a run still reboots. */
  static final Duration LENGTH = Duration.ofHours(1);

  private static final Pattern UTC = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}) UTC");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final HostRoot root;
  private final Optional<CalendarExpression> reboot;
  private final ProcessRunner processes;

  RebootWindow(HostRoot root, Optional<CalendarExpression> reboot, ProcessRunner processes) {
    this.root = root;
    this.reboot = reboot;
    this.processes = processes;
  }

  static Path flag(HostRoot root) {
    return root.resolve("/run/reboot-required");
  }

  /** Why the machine does not reboot at {@code now}; empty when it does. */
  Optional<String> closed(Instant now) throws IOException {
    if (!Files.exists(flag(root))) {
      return Optional.of("no reboot is required");
    }
    if (reboot.isEmpty()) {
      return Optional.of("a reboot is required, but appliance/update/reboot is never");
    }
    Instant opened = nextElapse(reboot.get(), now.minus(LENGTH));
    if (opened.isAfter(now)) {
      return Optional.of("a reboot is required; it waits for appliance/update/reboot (" + reboot.get() + ", next at "
          + opened + ")");
    }
    return Optional.empty();
  }

  private Instant nextElapse(CalendarExpression expression, Instant base) throws IOException {
    String out = processes.run(OsCommands.nextElapse(expression.expression(), base), Duration.ofSeconds(30)).stdout();
    // Without a time zone of its own the expression is the machine's local time; systemd adds the UTC line then.
    Matcher utc = UTC.matcher(out);
    if (!utc.find()) {
      throw new IOException("systemd-analyze calendar gave no time in UTC for '" + expression + "': " + out.strip());
    }
    return LocalDateTime.parse(utc.group(1), FORMAT).toInstant(ZoneOffset.UTC);
  }
}
