package dev.appliance.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.Invocation;
import dev.appliance.env.process.ProcessRunner.ProcessException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * restic against one repository, through the process runner: each method one restic command, its JSON read back.
 * A failed command is a {@link ProcessException} quoting restic's own words.
 */
public final class Restic {

  /** Short commands (open, locks, listing) end within this; a repository that does not answer fails in time. */
  static final Duration SHORT = Duration.ofMinutes(2);
  /** restic's exit code for "there is no repository there" (from 0.17; 0.14 says it in words, see {@link #absent}). */
  static final int NO_REPOSITORY = 10;
  /** Backups, checks, restores and prunes of a large /data. */
  static final Duration LONG = Duration.ofHours(12);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProcessRunner processes;
  private final ResticAccess access;
  private final ResticCommands commands;

  public Restic(ProcessRunner processes, ResticAccess access) {
    this.processes = processes;
    this.access = access;
    this.commands = new ResticCommands(access.options());
  }

  public ResticRepository repository() {
    return access.repository();
  }

  private Invocation invocation(List<String> command) {
    return new Invocation(command, access.environment(), Optional.empty());
  }

  private String run(List<String> command, Duration timeout) throws ProcessException {
    try {
      return processes.run(invocation(command), timeout).stdout();
    } catch (ProcessException e) {
      if (e.exitCode() == ProcessRunner.NO_EXIT) {
        throw e;
      }
      throw new ProcessException("'" + String.join(" ", command.subList(0, 2)) + "' failed (exit " + e.exitCode()
          + "): " + brief(e.stderr()), e.exitCode(), e.stderr());
    }
  }

  /** The repository's ID, if it opens with the password; the failure otherwise (missing, wrong password, unreachable). */
  public String id() throws IOException {
    return json(run(commands.catConfig(), SHORT)).path("id").asText();
  }

  /**
   * Whether {@code failure} of {@link #id} says there is no repository at the location (not a wrong password, not a
   * server that does not answer): only then is one initialised. restic 0.17 exits 10; 0.14 and 0.16 have no code of
   * their own for it, only this sentence.
   */
  static boolean absent(ProcessException failure) {
    return failure.exitCode() == NO_REPOSITORY
        || failure.stderr().contains("Is there a repository at the following location?");
  }

  public void init() throws ProcessException {
    run(commands.init(), SHORT);
  }

  public void unlockStale() throws ProcessException {
    run(commands.unlock(), SHORT);
  }

  public void removeAllLocks() throws ProcessException {
    run(commands.unlockAll(), SHORT);
  }

  /** A lock in the repository: who holds it. */
  public record Lock(String id, String hostname, long pid, Instant time, boolean exclusive) {
    public String describe() {
      return (exclusive ? "an exclusive lock" : "a lock") + " of pid " + pid + " on " + hostname + " since " + time;
    }
  }

  public List<Lock> locks() throws IOException {
    List<Lock> locks = new ArrayList<>();
    for (String id : run(commands.listLocks(), SHORT).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
      JsonNode lock = json(run(commands.catLock(id), SHORT));
      locks.add(new Lock(id, lock.path("hostname").asText(), lock.path("pid").asLong(),
          Instant.parse(lock.path("time").asText()), lock.path("exclusive").asBoolean()));
    }
    return locks;
  }

  /** What restic said at the end of a backup. */
  public record Summary(String snapshotId, long filesProcessed, long bytesProcessed, long dataAdded) {}

  /** A snapshot of {@code paths} under {@code dir}, each restic status line handed to {@code status}. */
  public Summary backupFiles(Path dir, List<String> paths, List<String> excludes, String host, List<String> tags,
      Instant time, Consumer<JsonNode> status) throws IOException {
    Summary[] summary = new Summary[1];
    processes.run(invocation(commands.backupFiles(paths, excludes, host, tags, time)).in(dir), LONG,
        line -> message(line, status, summary));
    return summarised(summary[0]);
  }

  /** A snapshot of standard input under way: the caller writes the input, then finishes it or kills it. */
  public static final class StdinBackup implements AutoCloseable {
    private final ProcessRunner.Started process;
    private final Summary[] summary;

    private StdinBackup(ProcessRunner.Started process, Summary[] summary) {
      this.process = process;
      this.summary = summary;
    }

    public java.io.OutputStream stdin() {
      return process.stdin();
    }

    /** Waits for restic, the input written and closed; what it saved. */
    public Summary finish() throws IOException {
      process.finish(LONG);
      return summarised(summary[0]);
    }

    /** restic's own words, once killed (a full disk, a lost connection): what a failed input stream does not say. */
    public String errors() {
      return process.errors(java.time.Duration.ofSeconds(5));
    }

    /** Kills restic before its input ends: it saves nothing. */
    @Override
    public void close() {
      process.close();
    }
  }

  /** Starts a snapshot of standard input as {@code /FILENAME}, its status lines read from the start. */
  public StdinBackup startBackupStdin(String filename, String host, List<String> tags, Instant time,
      Consumer<JsonNode> status) throws ProcessException {
    Summary[] summary = new Summary[1];
    return new StdinBackup(processes.start(invocation(commands.backupStdin(filename, host, tags, time)),
        line -> message(line, status, summary)), summary);
  }

  private static Summary summarised(Summary summary) throws IOException {
    if (summary == null) {
      throw new IOException("restic ended without saying which snapshot it saved");
    }
    return summary;
  }

  private static void message(String line, Consumer<JsonNode> status, Summary[] summary) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      return; // not one of restic's JSON lines
    }
    switch (message.path("message_type").asText()) {
      case "status" -> status.accept(message);
      case "summary" -> summary[0] = new Summary(message.path("snapshot_id").asText(),
          message.path("total_files_processed").asLong(), message.path("total_bytes_processed").asLong(),
          message.path("data_added").asLong());
      default -> { }
    }
  }

  /** Checks the repository's structure and reads {@code subset} of its packs ({@code n/t}, or {@code all}). */
  public void check(String subset) throws ProcessException {
    run(commands.check(subset), LONG);
  }

  /** The appliance's snapshots, oldest first. */
  public List<Snapshot> snapshots() throws IOException {
    List<Snapshot> snapshots = new ArrayList<>();
    json(run(commands.snapshots(BackupTags.APPLIANCE), SHORT)).forEach(node -> snapshots.add(Snapshot.of(node)));
    snapshots.sort(java.util.Comparator.comparing(Snapshot::time));
    return snapshots;
  }

  /**
   * Retention over the verified runs of {@code host}: the runs that never passed their verification (failed, cut
   * short) forgotten first, then each part's verified snapshots by {@code retention} (both parts of a run share their
   * time, so the same runs stay), and the data of what was forgotten pruned.
   */
  public void forget(String host, Retention retention) throws IOException {
    List<String> unverified = snapshots().stream().filter(s -> s.hostname().equals(host))
        .filter(s -> !s.tags().contains(BackupTags.VERIFIED)).map(Snapshot::id).toList();
    if (!unverified.isEmpty()) {
      forgetSnapshots(unverified);
    }
    for (String part : List.of(BackupTags.DATABASE, BackupTags.FILES)) {
      run(commands.forget(host, List.of(BackupTags.APPLIANCE, BackupTags.VERIFIED, BackupTags.PART + "=" + part),
          retention, part.equals(BackupTags.FILES)), LONG);
    }
  }

  public void addTags(List<String> tags, List<String> snapshots) throws ProcessException {
    run(commands.addTags(tags, snapshots), SHORT);
  }

  public void forgetSnapshots(List<String> ids) throws ProcessException {
    run(commands.forgetSnapshots(ids), SHORT);
  }

  /** Restores {@code snapshot} into {@code target}; restic checks every blob it reads. */
  public void restore(String snapshot, Path target) throws ProcessException {
    run(commands.restore(snapshot, target.toString()), LONG);
  }

  /** Starts writing {@code /FILE} of {@code snapshot} to the standard output of the returned process. */
  public ProcessRunner.Started startDump(String snapshot, String file) throws ProcessException {
    ProcessRunner.Started dump = processes.start(invocation(commands.dump(snapshot, file)));
    dump.closeInput();
    return dump;
  }

  /** restic's words for a message: its first lines (a full disk can make it print hundreds). */
  static String brief(String stderr) {
    List<String> lines = stderr.strip().lines().toList();
    return lines.size() <= 5 ? String.join("; ", lines)
        : String.join("; ", lines.subList(0, 5)) + "; ... (" + (lines.size() - 5) + " more lines)";
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }
}
