package dev.appliance.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * restic's JSON status lines made readable: on a terminal one line rewritten in place (files, bytes, rate, time
 * left), under systemd a plain log line every 30 seconds.
 */
public final class Progress implements Consumer<JsonNode> {

  static final Duration LOG_EVERY = Duration.ofSeconds(30);

  private final String what;
  private final Optional<PrintWriter> terminal;
  private final Consumer<String> log;
  private final Clock clock;
  private Instant lastLine;
  private boolean shown;

  private Progress(String what, Optional<PrintWriter> terminal, Consumer<String> log, Clock clock) {
    this.what = what;
    this.terminal = terminal;
    this.log = log;
    this.clock = clock;
    this.lastLine = clock.instant();
  }

  /** Progress of {@code what}: rewritten on {@code terminal} if there is one, else logged every 30 s. */
  public static Progress of(String what, Optional<PrintWriter> terminal, Consumer<String> log, Clock clock) {
    return new Progress(what, terminal, log, clock);
  }

  @Override
  public void accept(JsonNode status) {
    String line = describe(status);
    if (terminal.isPresent()) {
      terminal.get().print("\r\033[K" + line);
      terminal.get().flush();
      shown = true;
    } else if (!clock.instant().isBefore(lastLine.plus(LOG_EVERY))) {
      log.accept(line);
      lastLine = clock.instant();
    }
  }

  /** Ends the line rewritten in place, so that what follows starts on a line of its own. */
  public void done() {
    if (shown) {
      terminal.get().println();
      shown = false;
    }
  }

  String describe(JsonNode status) {
    long bytes = status.path("bytes_done").asLong();
    long total = status.path("total_bytes").asLong();
    double elapsed = status.path("seconds_elapsed").asDouble();
    StringBuilder line = new StringBuilder(what + ": ");
    if (status.has("total_files")) {
      line.append(status.path("files_done").asLong()).append('/').append(status.path("total_files").asLong()).append(" files, ");
    }
    line.append(mib(bytes));
    if (total > 0) {
      line.append(" of ").append(mib(total)).append(String.format(Locale.ROOT, " (%.0f %%)", 100.0 * status.path("percent_done").asDouble()));
    }
    if (elapsed > 0) {
      line.append(", ").append(mib((long) (bytes / elapsed))).append("/s");
    }
    if (status.has("seconds_remaining")) {
      line.append(", ").append(status.path("seconds_remaining").asLong()).append(" s left");
    }
    return line.toString();
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
