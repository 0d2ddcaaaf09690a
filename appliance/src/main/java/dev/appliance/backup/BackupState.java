package dev.appliance.backup;

import dev.appliance.host.HostRoot;
import dev.appliance.host.PropertiesFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * What the backups did last, in {@code /data/etc/backup/state} (properties): the repository opened (its ID, so that
 * a repository that no longer opens is never replaced by a new one), the last verified run and its numbers, the last
 * failure, how far the rotating read of the packs has gone, and the restore drill's last result. A broken file reads
 * as a fresh state.
 */
public final class BackupState {

  private static final String REPOSITORY = "repository";
  private static final String REPOSITORY_ID = "repository_id";
  private static final String LAST_VERIFIED = "last_verified";
  private static final String LAST_RUN = "last_run";
  private static final String LAST_DURATION_MS = "last_duration_ms";
  private static final String LAST_BYTES = "last_bytes";
  private static final String LAST_ADDED = "last_added_bytes";
  private static final String LAST_RUN_ID = "last_run_id";
  private static final String LAST_ERROR = "last_error";
  private static final String LAST_FAILED = "last_failed";
  private static final String SUBSET_RUN = "subset_run";
  private static final String LAST_FULL_READ = "last_full_read";
  private static final String DRILL_LAST_RUN = "drill_last_run";
  private static final String DRILL_LAST_SUCCESS = "drill_last_success";
  private static final String DRILL_LAST_ERROR = "drill_last_error";

  /** How many runs the rotating read of the packs takes to go round once. */
  static final int SUBSET_PARTS = 7;
  /** All packs are read at least this often. */
  static final Duration FULL_READ = Duration.ofDays(30);

  private final HostRoot root;
  private final Properties values;

  private BackupState(HostRoot root, Properties values) {
    this.root = root;
    this.values = values;
  }

  public static Path file(HostRoot root) {
    return root.resolve("/data/" + BackupContents.EXCLUDED.get(1));
  }

  HostRoot root() {
    return root;
  }

  public static BackupState load(HostRoot root) throws IOException {
    return new BackupState(root, PropertiesFile.load(file(root)));
  }

  private void save() throws IOException {
    root.files().write(file(root), "rw-------", PropertiesFile.text(values));
  }

  /** The ID of the repository at {@code shown} that opened before, if one did. */
  public Optional<String> repositoryId(String shown) {
    return shown.equals(values.getProperty(REPOSITORY)) ? Optional.ofNullable(values.getProperty(REPOSITORY_ID)) : Optional.empty();
  }

  void opened(String shown, String id) throws IOException {
    if (!shown.equals(values.getProperty(REPOSITORY)) || !id.equals(values.getProperty(REPOSITORY_ID))) {
      values.setProperty(REPOSITORY, shown);
      values.setProperty(REPOSITORY_ID, id);
      // Another repository: its packs are read in full first, then in turn.
      values.remove(LAST_FULL_READ);
      values.remove(SUBSET_RUN);
      save();
    }
  }

  public Optional<Instant> lastVerified() {
    return instant(LAST_VERIFIED);
  }

  public Optional<Instant> lastFailed() {
    return instant(LAST_FAILED);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(values.getProperty(LAST_ERROR));
  }

  public Optional<Duration> lastDuration() {
    return number(LAST_DURATION_MS).map(Duration::ofMillis);
  }

  /** The bytes the last verified run read (the dump and the files). */
  public Optional<Long> lastBytes() {
    return number(LAST_BYTES);
  }

  public Optional<Long> lastAdded() {
    return number(LAST_ADDED);
  }

  public Optional<String> lastRunId() {
    return Optional.ofNullable(values.getProperty(LAST_RUN_ID));
  }

  /** The part of the packs ({@code n/7}) the next verification reads, or {@code all} when a month has gone by. */
  String nextSubset(Instant now) {
    Optional<Instant> full = instant(LAST_FULL_READ);
    if (full.isEmpty() || !now.isBefore(full.get().plus(FULL_READ))) {
      return "all";
    }
    return (number(SUBSET_RUN).orElse(0L) % SUBSET_PARTS + 1) + "/" + SUBSET_PARTS;
  }

  void verified(Instant started, Instant now, long bytes, long added, String run, String subset) throws IOException {
    values.setProperty(LAST_VERIFIED, now.toString());
    values.setProperty(LAST_RUN, started.toString());
    values.setProperty(LAST_DURATION_MS, String.valueOf(Duration.between(started, now).toMillis()));
    values.setProperty(LAST_BYTES, String.valueOf(bytes));
    values.setProperty(LAST_ADDED, String.valueOf(added));
    values.setProperty(LAST_RUN_ID, run);
    if (subset.equals("all")) {
      values.setProperty(LAST_FULL_READ, now.toString());
    } else {
      values.setProperty(SUBSET_RUN, String.valueOf(number(SUBSET_RUN).orElse(0L) + 1));
    }
    values.remove(LAST_ERROR);
    values.remove(LAST_FAILED);
    save();
  }

  void failed(Instant now, String error) throws IOException {
    values.setProperty(LAST_FAILED, now.toString());
    values.setProperty(LAST_ERROR, error);
    save();
  }

  public Optional<Instant> drillLastRun() {
    return instant(DRILL_LAST_RUN);
  }

  public Optional<Instant> drillLastSuccess() {
    return instant(DRILL_LAST_SUCCESS);
  }

  public Optional<String> drillLastError() {
    return Optional.ofNullable(values.getProperty(DRILL_LAST_ERROR));
  }

  void drilled(Instant now, Optional<String> error) throws IOException {
    values.setProperty(DRILL_LAST_RUN, now.toString());
    error.ifPresentOrElse(e -> values.setProperty(DRILL_LAST_ERROR, e), () -> {
      values.setProperty(DRILL_LAST_SUCCESS, now.toString());
      values.remove(DRILL_LAST_ERROR);
    });
    save();
  }

  private Optional<Instant> instant(String key) {
    try {
      return Optional.ofNullable(values.getProperty(key)).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private Optional<Long> number(String key) {
    try {
      return Optional.ofNullable(values.getProperty(key)).map(Long::parseLong);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
