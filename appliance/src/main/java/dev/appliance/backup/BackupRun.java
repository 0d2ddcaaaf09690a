package dev.appliance.backup;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.containers.StackContainers;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Stack;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.storage.DiskSpace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code appliance backup}: under the appliance's lock, after a free-space gate, one run of two snapshots (the
 * database dump, then the files with the manifest), then the verification (restic check with a rotating seventh of
 * the packs read, all of them monthly, and the dump and manifest read back against their SHA-256), and only then
 * retention. Only a verified run counts: its time is what status, the metrics and the age alert use. A failed run
 * raises the alert {@value #FAILED_ALERT}, never the failure flag: the application keeps serving.
 */
public final class BackupRun {

  public static final String FAILED_ALERT = "backup/failed";
  public static final String LOCAL_ALERT = "backup/local";
  /** How long a run waits for the work lock (a restore, a drill or a migration at work) before it gives up. */
  public static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);
  /** /volatile must keep this much free for restic's cache. */
  static final long CACHE_MIB = 256;

  private final Installation installation;
  private final HostRoot root;
  private final Optional<PrintWriter> terminal;

  public BackupRun(Installation installation, Optional<PrintWriter> terminal) {
    this.installation = installation;
    this.root = installation.root();
    this.terminal = terminal;
  }

  /** What a verified run made. */
  public record Verified(String run, long bytes, long added, Duration took) {}

  /** Runs one backup; exit code 0 for a verified one, 1 for a failed one (alerted), 2 for bad input. */
  public int run(Duration lockPatience) throws Exception {
    EnvConfig env = ActiveEnv.require(root).config();
    Stack stack = installation.stack(env);
    Instant started = installation.clock().instant();
    BackupState state = BackupState.load(root);
    try {
      awaitWork(installation, "backup", lockPatience);
      Verified verified = backup(env, stack, state, started);
      String done = "backup verified: run " + verified.run() + ", "
          + Progress.mib(verified.bytes()) + " read, " + Progress.mib(verified.added()) + " added, in "
          + verified.took().toMillis() / 1000.0 + " s";
      installation.log().accept(done);
      installation.alerts().resolve(FAILED_ALERT, done);
      installation.alerts().resolve(BackupAge.ALERT, done);
      onThisMachine(env);
      return Cli.OK;
    } catch (Cli.BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      installation.log().accept("backup failed: " + why);
      installation.alerts().raise(Alert.warning(FAILED_ALERT, "the backup failed, nothing new is backed up",
          why + "\nThe application keeps serving. The last verified backup: "
              + state.lastVerified().map(Instant::toString).orElse("none") + ". Run it again with: appliance backup"));
      try {
        state.failed(installation.clock().instant(), why); // after the alert: /data may be what is full
      } catch (IOException unrecorded) {
        installation.log().accept("backup: the failure is not recorded in " + BackupState.file(root) + ": "
            + unrecorded.getMessage());
      }
      return Cli.FAILURE;
    }
  }

  /**
   * Takes the work lock for {@code purpose}. Run out of patience, a scheduled run is a failed one (alerted), never one
   * silently skipped: the refusal is a failure here, not bad input.
   */
  static void awaitWork(Installation installation, String purpose, Duration patience)
      throws IOException, InterruptedException {
    try {
      installation.await(ApplianceLock.WORK, purpose, patience);
    } catch (Cli.BadInputException busy) {
      throw new IOException(busy.getMessage(), busy);
    }
  }

  /** A production appliance whose backups stay on its own disk (the env's test default) is warned each night. */
  private void onThisMachine(EnvConfig env) {
    java.net.URI url = env.appliance().backup().url();
    if (env.appliance().environment() == EnvConfig.Environment.PRODUCTION && url.getScheme().equals("file")) {
      installation.alerts().raise(Alert.warning(LOCAL_ALERT, "the backups are on this machine's own disk",
          "appliance/backup/url is " + url + ": a lost machine loses its backups with it. Set appliance/backup/url to"
              + " another server (sftp://, rest+https:// or s3://), then run: appliance prepare-env"));
    } else {
      installation.alerts().resolve(LOCAL_ALERT, "the backups go to " + url);
    }
  }

  private Verified backup(EnvConfig env, Stack stack, BackupState state, Instant started)
      throws IOException, InterruptedException {
    var log = installation.log();
    BackupContents contents = new BackupContents(root);
    String run = RUN_ID.format(started);
    String host = env.appliance().domain().toString();
    Map<String, String> images = new Tags(root, installation.clock()).read(Tags.LAST_RUNNING).orElse(Map.of());
    String appVersion = StackImages.imageName(stack, stack.services().get(stack.appliance().web().service()));
    StackContainers containers = installation.containers(stack, images);
    Optional<String> database = stack.appliance().database();
    java.net.URI url = env.appliance().backup().url();
    if (url.getScheme().equals("file") && (url.getPath().equals("/data") || url.getPath().startsWith("/data/"))) {
      throw new IOException("the backup repository " + url + " is inside /data, which the backups hold: each would hold"
          + " the ones before; set appliance/backup/url to another disk or server");
    }
    ResticRepository repository = BackupRepository.of(root, env.appliance().backup());
    try (ResticAccess access = ResticAccess.open(root, repository)) {
      Restic restic = new Restic(installation.processes(), access);
      // The gate first: a full disk gets no new repository either.
      gate(repository, env.appliance().backup().url(), state, contents, state.repositoryId(repository.shown()).isPresent());
      BackupRepository.open(restic, state, log);
      BackupRepository.unlock(restic, log);
      if (database.isPresent() && !containers.running(database.get())) {
        throw new IOException("the database service " + database.get() + " is not running, and a backup needs its"
            + " dump; start the appliance (systemctl start appliance) and run: appliance backup");
      }
      // Hashed beside the dump, on the other core; unchanged files keep the last manifest's hash, as restic keeps its
      // chunks, by size and modification time.
      Optional<Manifest> previous = Manifest.previous(contents.data());
      CompletableFuture<List<Manifest.FileEntry>> hashing = CompletableFuture.supplyAsync(() -> {
        try {
          return Manifest.files(contents.data(), previous);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      List<String> databaseTags = BackupTags.of(run, BackupTags.DATABASE, VersionProvider.version(), appVersion);
      Optional<DatabaseBackup.Dump> dump = Optional.empty();
      if (database.isPresent()) {
        Progress progress = progress("database");
        dump = Optional.of(DatabaseBackup.run(containers, database.get(), env.app().databaseName(), restic, host,
            databaseTags, started, progress));
        progress.done();
        log.accept("backup: database " + env.app().databaseName() + " dumped into snapshot " + shortId(dump.get().snapshotId())
            + " (" + Progress.mib(dump.get().bytes()) + ", " + dump.get().rows().size() + " tables)");
      }
      List<Manifest.FileEntry> files = hashed(hashing);
      Manifest manifest = new Manifest(Manifest.FORMAT, started.toString(), run, VersionProvider.version(), appVersion,
          stack.name(), images, envSha256(), dump.map(d -> new Manifest.Database(env.app().databaseName(),
          d.snapshotId(), d.file(), d.sha256(), d.bytes(), d.rows())).orElse(null), files);
      byte[] manifestJson = manifest.json();
      root.files().write(contents.data().resolve(Manifest.PATH), "rw-------", manifestJson);
      Restic.Summary filesSummary;
      try {
        Progress progress = progress("files");
        filesSummary = restic.backupFiles(contents.data(), contents.topLevel(), contents.excludes(), host,
            BackupTags.of(run, BackupTags.FILES, VersionProvider.version(), appVersion), started, progress);
        progress.done();
      } catch (IOException e) {
        if (dump.isPresent()) {
          try {
            restic.forgetSnapshots(List.of(dump.get().snapshotId())); // half a run must not stand for a whole one
          } catch (IOException left) {
            log.accept("backup: the run's database snapshot stays until the next verified run forgets it: "
                + left.getMessage());
          }
        }
        throw e;
      }
      log.accept("backup: " + files.size() + " files into snapshot " + shortId(filesSummary.snapshotId()));
      String subset = state.nextSubset(installation.clock().instant());
      verify(restic, dump, filesSummary.snapshotId(), manifestJson, subset);
      Instant now = installation.clock().instant();
      long bytes = filesSummary.bytesProcessed() + dump.map(DatabaseBackup.Dump::bytes).orElse(0L);
      long added = filesSummary.dataAdded() + dump.map(DatabaseBackup.Dump::added).orElse(0L);
      List<String> parts = new java.util.ArrayList<>(List.of(filesSummary.snapshotId()));
      dump.ifPresent(d -> parts.add(d.snapshotId()));
      restic.addTags(List.of(BackupTags.VERIFIED, BackupTags.SIZE + "=" + bytes), parts);
      state.verified(started, now, bytes, added, run, subset);
      log.accept("backup: keeping " + describe(env.appliance().backup().retention()) + " (restic forget --prune)");
      restic.forget(host, env.appliance().backup().retention());
      return new Verified(run, bytes, added, Duration.between(started, now));
    }
  }

  private static final java.time.format.DateTimeFormatter RUN_ID =
      java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);

  /** The verification: the repository's structure, a part of its packs, and this run's dump and manifest read back. */
  private void verify(Restic restic, Optional<DatabaseBackup.Dump> dump, String filesSnapshot, byte[] manifestJson,
      String subset) throws IOException {
    installation.log().accept("backup: verifying (restic check, " + (subset.equals("all") ? "every pack read"
        : "packs " + subset + " read") + ", the dump and the manifest read back)");
    try {
      restic.check(subset);
    } catch (ProcessRunner.ProcessException e) {
      throw new IOException("the verification failed, so this backup does not count: restic check found "
          + e.stderr().strip() + ". The repository may be damaged: look at it with restic check --read-data", e);
    }
    if (dump.isPresent()) {
      readBack(restic, dump.get().snapshotId(), dump.get().file(), dump.get().sha256(), dump.get().bytes());
    }
    readBack(restic, filesSnapshot, Manifest.PATH, sha256(manifestJson), manifestJson.length);
  }

  private static void readBack(Restic restic, String snapshot, String file, String sha256, long bytes) throws IOException {
    MessageDigest sha = DatabaseBackup.sha256();
    long read = 0;
    ProcessRunner.Started dump = restic.startDump(snapshot, file);
    try (InputStream in = dump.stdout()) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        sha.update(buffer, 0, n);
        read += n;
      }
    }
    try {
      dump.finish(Restic.SHORT);
    } catch (ProcessRunner.ProcessException e) {
      throw new IOException("the verification failed, so this backup does not count: " + file + " of snapshot "
          + shortId(snapshot) + " cannot be read back: " + e.stderr().strip(), e);
    }
    String got = HexFormat.of().formatHex(sha.digest());
    if (!got.equals(sha256) || read != bytes) {
      throw new IOException("the verification failed, so this backup does not count: " + file + " of snapshot "
          + shortId(snapshot) + " reads back as " + read + " bytes with SHA-256 " + got + ", not the " + bytes
          + " bytes with SHA-256 " + sha256 + " that went in");
    }
  }

  /** Refuses a run that would fill /volatile (restic's cache) or a repository on this machine. */
  private void gate(ResticRepository repository, java.net.URI url, BackupState state, BackupContents contents,
      boolean known) throws IOException {
    DiskSpace disks = DiskSpace.of(root);
    long cacheFree = disks.usage("/volatile").availableBytes();
    if (cacheFree < CACHE_MIB << 20) {
      throw new IOException("/volatile has " + (cacheFree >> 20) + " MiB free, and restic's cache needs at least "
          + CACHE_MIB + " MiB; free space there (appliance cleanup) and run: appliance backup");
    }
    if (url.getScheme().equals("file")) {
      // Into a repository that already holds a verified run, about what the last run added; else all of /data.
      Optional<Long> added = state.lastAdded().filter(a -> known && state.lastVerified().isPresent());
      long need = (added.isPresent() ? 2 * added.get() : contents.bytes()) + (64L << 20);
      String existing = existingParent(Path.of(url.getPath()));
      long free = disks.usage(existing).availableBytes();
      if (free < need) {
        throw new IOException("the backup repository " + repository.shown() + " is on a file system with "
            + (free >> 20) + " MiB free, and this backup needs about " + (need >> 20) + " MiB; free space there or"
            + " move the repository (appliance/backup/url)");
      }
    }
  }

  private String existingParent(Path path) {
    Path existing = path;
    while (existing.getParent() != null && !Files.exists(root.resolve(existing.toString()))) {
      existing = existing.getParent();
    }
    return existing.toString();
  }

  private static List<Manifest.FileEntry> hashed(CompletableFuture<List<Manifest.FileEntry>> hashing)
      throws IOException, InterruptedException {
    try {
      return hashing.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof UncheckedIOException io ? io.getCause()
          : new IOException("hashing the files for the manifest failed: " + e.getCause(), e.getCause());
    }
  }

  private Progress progress(String what) {
    return Progress.of("backup: " + what, terminal, installation.log(), installation.clock());
  }

  private String envSha256() throws IOException {
    return sha256(Files.readAllBytes(root.activeEnv()));
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(DatabaseBackup.sha256().digest(bytes));
  }

  static String shortId(String id) {
    return id.substring(0, Math.min(8, id.length()));
  }

  private static String describe(EnvConfig.Retention retention) {
    return retention.daily() + " daily, " + retention.weekly() + " weekly and " + retention.monthly() + " monthly";
  }
}
