package dev.appliance.storage;

import dev.appliance.env.process.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a disk holds and who uses it, read without writing to it. */
final class DiskProbe {

  /** The type blkid gives a LUKS container. */
  static final String LUKS = "crypto_LUKS";

  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  private static final int NOTHING_FOUND = 2;

  private final ProcessRunner processes;

  DiskProbe(ProcessRunner processes) {
    this.processes = processes;
  }

  /** The type of what {@code device} holds ({@code ext4}, {@link #LUKS} ...), if blkid recognises anything. */
  Optional<String> type(Path device) throws ProcessRunner.ProcessException {
    String export;
    try {
      export = processes.run(DiskCommands.probe(device), TIMEOUT).stdout();
    } catch (ProcessRunner.ProcessException e) {
      if (e.exitCode() == NOTHING_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
    return export.lines().filter(l -> l.startsWith("TYPE=")).map(l -> l.substring(5)).findFirst();
  }

  /** Every signature on {@code device}, as {@code TYPE at OFFSET}. */
  List<String> signatures(Path device) throws ProcessRunner.ProcessException {
    return processes.run(DiskCommands.signatures(device), TIMEOUT).stdout().lines().map(String::strip)
        .filter(l -> !l.isEmpty()).map(l -> l.replaceFirst("\\s+", " at ")).toList();
  }

  /**
   * Why {@code device} is in use, if it is: it or a partition of it mounted (or swap), or a container open on it.
   * Partitions that nobody uses are no reason: wiping the device removes them.
   */
  Optional<String> use(Path device) throws ProcessRunner.ProcessException {
    List<String[]> rows = processes.run(DiskCommands.users(device), TIMEOUT).stdout().lines()
        .map(l -> Arrays.copyOf(l.strip().split(" "), 3)).filter(r -> !r[0].isEmpty()).toList();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      if (row[2] != null && !row[2].isEmpty()) {
        return Optional.of(row[0] + " is mounted on " + row[2].replace("\\x20", " "));
      }
      if (i > 0 && !"part".equals(row[1])) {
        return Optional.of(row[0] + " (" + row[1] + ") is open on it");
      }
    }
    return Optional.empty();
  }
}
