package dev.appliance.supervise;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running supervisor's restarts, in {@code /run/appliance/restarts}, for status: the budget's window and the time
 * of each restart within it. A new supervisor starts the file afresh, so counts never outlive the run they belong to.
 */
public final class RunState {

  private static final String WINDOW = "window ";

  private final HostRoot root;

  public RunState(HostRoot root) {
    this.root = root;
  }

  private Path restartsFile() {
    return root.runState().resolve("restarts");
  }

  /** Records {@code budget}'s restarts: the window, then a line {@code SERVICE INSTANT} a restart. */
  void writeRestarts(RestartBudget budget) throws IOException {
    StringBuilder text = new StringBuilder(WINDOW + budget.window() + "\n");
    new TreeMap<>(budget.recent()).forEach((service, times) ->
        times.forEach(time -> text.append(service).append(' ').append(time).append('\n')));
    root.files().write(restartsFile(), "rw-r--r--", text.toString());
  }

  /** Restarts per service within the window before {@code now}, as the running supervisor recorded them. */
  public Map<String, Integer> restartsWithin(Instant now) throws IOException {
    Map<String, Integer> counts = new TreeMap<>();
    if (!Files.isRegularFile(restartsFile())) {
      return counts;
    }
    List<String> lines = Files.readAllLines(restartsFile());
    try {
      if (lines.isEmpty() || !lines.get(0).startsWith(WINDOW)) {
        return counts;
      }
      Instant since = now.minus(Duration.parse(lines.get(0).substring(WINDOW.length())));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.split(" ");
        if (fields.length == 2 && !Instant.parse(fields[1]).isBefore(since)) {
          counts.merge(fields[0], 1, Integer::sum);
        }
      }
    } catch (DateTimeParseException e) {
      return Map.of(); // not this appliance's format (an older one's totals): nothing counts
    }
    return counts;
  }
}
