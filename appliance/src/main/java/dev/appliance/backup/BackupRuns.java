package dev.appliance.backup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The repository's snapshots of the appliance's grouped into runs, oldest first. */
final class BackupRuns {

  /** One run: its files snapshot (which holds the manifest) and its database snapshot, if it has them. */
  record Run(String id, Optional<Snapshot> files, Optional<Snapshot> database) {
    /** Whether the run is whole: the files (with the manifest) are always part of one. */
    boolean whole() {
      return files.isPresent();
    }

    /** Whether every part it has passed the run's verification. */
    boolean verified() {
      return whole() && Stream.of(files, database).flatMap(Optional::stream)
          .allMatch(s -> s.tags().contains(BackupTags.VERIFIED));
    }

    Snapshot any() {
      return files.or(() -> database).orElseThrow();
    }

    boolean matches(String given) {
      return id.equals(given) || files.map(s -> s.id().startsWith(given)).orElse(false)
          || database.map(s -> s.id().startsWith(given)).orElse(false);
    }
  }

  private BackupRuns() {}

  static List<Run> of(List<Snapshot> snapshots) {
    Map<String, List<Snapshot>> byRun = new LinkedHashMap<>();
    for (Snapshot snapshot : snapshots) {
      byRun.computeIfAbsent(snapshot.tag(BackupTags.RUN).orElse(snapshot.id()), r -> new ArrayList<>()).add(snapshot);
    }
    List<Run> runs = new ArrayList<>();
    byRun.forEach((run, parts) -> runs.add(new Run(run, part(parts, BackupTags.FILES), part(parts, BackupTags.DATABASE))));
    return runs;
  }

  private static Optional<Snapshot> part(List<Snapshot> parts, String part) {
    return parts.stream().filter(s -> s.tag(BackupTags.PART).equals(Optional.of(part))).findFirst();
  }

  /**
   * The run {@code given} names, if it is whole: {@code latest} is the newest verified one; a run ID, or a snapshot
   * ID or its prefix, names any whole run (the caller warns of one not verified).
   */
  static Optional<Run> select(List<Run> runs, String given) {
    List<Run> whole = runs.stream().filter(Run::whole).toList();
    if (given.equals("latest")) {
      List<Run> verified = whole.stream().filter(Run::verified).toList();
      return verified.isEmpty() ? Optional.empty() : Optional.of(verified.get(verified.size() - 1));
    }
    List<Run> matching = whole.stream().filter(r -> r.matches(given)).toList();
    return matching.size() == 1 ? Optional.of(matching.get(0)) : Optional.empty();
  }
}
