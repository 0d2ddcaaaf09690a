package dev.appliance.backup;

import dev.appliance.env.model.EnvConfig.Retention;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** restic's command lines, as argument lists. The repository and its password come from the environment. */
final class ResticCommands {

  /** The repository format written: version 2 (compression), which every restic since 0.14 reads. */
  static final String REPOSITORY_VERSION = "2";

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final List<String> options;

  ResticCommands(List<String> options) {
    this.options = List.copyOf(options);
  }

  /** {@code restic SUBCOMMAND OPTIONS... ARGUMENTS...}: the subcommand first, so that messages name it. */
  private List<String> restic(String... arguments) {
    List<String> command = new ArrayList<>(List.of("restic", arguments[0]));
    command.addAll(options);
    command.addAll(List.of(arguments).subList(1, arguments.length));
    return command;
  }

  List<String> catConfig() {
    return restic("cat", "config", "--no-lock");
  }

  List<String> init() {
    return restic("init", "--repository-version", REPOSITORY_VERSION);
  }

  /** Removes the locks restic itself calls stale: of a process gone from this host, or older than 30 minutes. */
  List<String> unlock() {
    return restic("unlock");
  }

  List<String> unlockAll() {
    return restic("unlock", "--remove-all");
  }

  List<String> listLocks() {
    return restic("list", "locks", "--no-lock");
  }

  List<String> catLock(String id) {
    return restic("cat", "lock", id, "--no-lock");
  }

  /** A snapshot of standard input as {@code /FILENAME}. */
  List<String> backupStdin(String filename, String host, List<String> tags, Instant time) {
    List<String> command = restic("backup", "--json", "--stdin", "--stdin-filename", filename);
    command.addAll(snapshotOptions(host, tags, time));
    return command;
  }

  /** A snapshot of {@code paths} (relative: the snapshot's top level), without what {@code excludes} names. */
  List<String> backupFiles(List<String> paths, List<String> excludes, String host, List<String> tags, Instant time) {
    List<String> command = restic("backup", "--json", "--one-file-system");
    excludes.forEach(exclude -> command.addAll(List.of("--exclude", exclude)));
    command.addAll(snapshotOptions(host, tags, time));
    command.add("--");
    command.addAll(paths);
    return command;
  }

  private static List<String> snapshotOptions(String host, List<String> tags, Instant time) {
    List<String> options = new ArrayList<>(List.of("--host", host, "--time", TIME.format(time)));
    tags.forEach(tag -> options.addAll(List.of("--tag", tag)));
    return options;
  }

  /** The repository's structure, and the data of {@code subset} ({@code n/t}) of its packs, or all ({@code all}). */
  List<String> check(String subset) {
    return subset.equals("all") ? restic("check", "--read-data") : restic("check", "--read-data-subset=" + subset);
  }

  List<String> snapshots(String tag) {
    return restic("snapshots", "--json", "--no-lock", "--tag", tag);
  }

  /**
   * Forgets what {@code retention} does not keep of one part's snapshots carrying every tag of {@code tags}, grouped
   * by host alone (the files' paths change as /data gains entries), pruning their data if {@code prune}.
   */
  List<String> forget(String host, List<String> tags, Retention retention, boolean prune) {
    List<String> command = restic("forget", "--json", "--group-by", "host", "--host", host, "--tag", String.join(",", tags),
        "--keep-daily", String.valueOf(retention.daily()), "--keep-weekly", String.valueOf(retention.weekly()),
        "--keep-monthly", String.valueOf(retention.monthly()));
    if (prune) {
      command.add("--prune");
    }
    return command;
  }

  /** Removes the given snapshots (a run's half that has no other half), without pruning their data. */
  List<String> forgetSnapshots(List<String> ids) {
    List<String> command = restic("forget");
    command.addAll(ids);
    return command;
  }

  /** Adds {@code tags} to {@code snapshots} (restic gives them new IDs). */
  List<String> addTags(List<String> tags, List<String> snapshots) {
    List<String> command = restic("tag");
    tags.forEach(tag -> command.addAll(List.of("--add", tag)));
    command.addAll(snapshots);
    return command;
  }

  List<String> restore(String snapshot, String target) {
    return restic("restore", snapshot, "--no-lock", "--target", target);
  }

  List<String> dump(String snapshot, String file) {
    return restic("dump", "--no-lock", snapshot, "/" + file);
  }
}
