package dev.appliance.backup;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.containers.ServiceFailedException;
import dev.appliance.containers.StackContainers;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Condition;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code appliance restore}: a run put back onto this appliance, booted from the same env. The files are restored
 * into a directory beside /data and held against the manifest first; only then is what /data holds moved aside
 * (never deleted), the restored files moved in, the database created afresh and the dump restored and checked, the
 * version tags written (a restored older version is migrated by the normal start), and the appliance started.
 */
public final class Restore {

  /** Top-level entries of /data that a fresh appliance makes itself: they are not data. */
  static final List<String> MADE_BY_THE_APPLIANCE = List.of("etc", "tls", "ca", "pgdump", "postgresql", "lost+found");

  static final String ASIDE = BackupContents.RESTORE_PREFIXES.get(1);
  static final String MIRROR_ASIDE = BackupContents.RESTORE_PREFIXES.get(2);
  static final String FIRST_MIRROR_ASIDE = BackupContents.RESTORE_PREFIXES.get(3);
  /** What a mirror restore leaves as this appliance had it: its server certificate (and ACME account), its client CA. */
  static final List<String> MIRROR_KEEPS = List.of("tls", "ca");
  public static final String ALERT = "backup/restore";
  /** What of /data is this machine's and no backup's: carried over from what /data held. */
  static final List<String> MACHINE_STATE = List.of("etc/alerts", "etc/backup/state", BackupAge.WATCHED_SINCE);

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Installation installation;
  private final HostRoot root;
  private final Consumer<String> log;

  public Restore(Installation installation) {
    this.installation = installation;
    this.root = installation.root();
    this.log = installation.log();
  }

  /** Where a restore takes its run from. */
  public enum Source {
    /** The env's own repository, {@code appliance/backup}. */
    OWN,
    /**
     * A staging appliance's {@code appliance/backup/mirror}: another appliance's repository, read only (restic's
     * reads take no lock there), without its {@code tls} and {@code ca}. What /data held is moved aside as by
     * {@code --force}: the first time for good, later the night before's mirror, removed the night after.
     */
    MIRROR
  }

  /** Restores {@code snapshot} ({@code latest}, a run ID or a snapshot ID); {@code force} moves existing data aside. */
  public int run(String snapshot, boolean force, Source source) throws Exception {
    Instant began = installation.clock().instant();
    EnvConfig env = ActiveEnv.require(root).config();
    Stack stack = installation.stack(env);
    Map<String, String> images = new Tags(root, installation.clock()).read(Tags.LAST_PREPARED).orElseThrow(() ->
        new Cli.BadInputException("this appliance has not prepared its images yet; let it start once (or run:"
            + " appliance prepare-appliance && appliance prepare-app), then run the restore again"));
    StackContainers containers = installation.containers(stack, images);
    Optional<String> database = stack.appliance().database();
    boolean continuing = Files.exists(incomplete(root));
    Optional<String> data = continuing ? Optional.empty() : dataHeld(containers, database, env);
    if (continuing) {
      log.accept("restore: an earlier restore did not finish (" + incomplete(root) + "); this one replaces what it left");
    }
    if (data.isPresent() && !force && source == Source.OWN) {
      throw new Cli.BadInputException("/data holds data (" + data.get() + "); a restore would replace it. Nothing"
          + " was changed. To restore anyway, with what is there moved aside (never deleted): appliance restore --force");
    }
    ResticRepository repository = source == Source.OWN ? BackupRepository.of(root, env.appliance().backup())
        : BackupRepository.mirror(root, env.appliance().backup());
    try (ResticAccess access = ResticAccess.open(root, repository)) {
      Restic restic = new Restic(installation.processes(), access);
      BackupRuns.Run run = chosen(restic, snapshot);
      log.accept("restore: run " + run.id() + " of " + run.any().time() + " from " + repository.shown()
          + (run.verified() ? "" : " (WARNING: this run never passed its verification)"));
      boolean withDatabase = database.isPresent() && run.database().isPresent();
      if (database.isPresent() && run.database().isEmpty()) {
        throw new Cli.BadInputException("run " + run.id() + " has no database snapshot; nothing was changed. Restore"
            + " another run (appliance backup list)");
      }
      installation.await(ApplianceLock.WORK, "restore", BackupRun.LOCK_PATIENCE);
      // Restored and checked beside /data while the application still serves: a bad run stops nothing.
      Restored restored = restoreFiles(restic, run, withDatabase, began);
      log.accept("restore: stopping the application");
      installation.stop(Installation.STOP_TIMEOUT);
      installation.await(ApplianceLock.EXCLUSIVE, "restore", BackupRun.LOCK_PATIENCE);
      Path aside = aside(source, began);
      Manifest manifest = restored.manifest();
      try {
        // Until the tags are written, the start chain refuses: a database half restored must never be served.
        root.files().write(incomplete(root), "rw-------", "run " + run.id() + ", since " + began + "\n");
        swap(restic, run, restored, containers, withDatabase ? database : Optional.empty(), source, aside);
        root.files().delete(incomplete(root));
      } catch (IOException | RuntimeException e) {
        if (!Files.exists(aside)) {
          root.files().delete(incomplete(root)); // nothing was replaced: the appliance may start as it was
        }
        String where = Files.exists(aside) ? "What /data held before is in " + aside + "; the appliance will not"
            + " start until a restore finishes: run it again (appliance restore --yes), or go back by moving " + aside
            + "'s entries into /data and removing " + incomplete(root) + "." : "Nothing in /data was replaced.";
        installation.alerts().raise(Alert.critical(ALERT, "the restore failed; the application is stopped",
            e.getMessage() + "\n" + where));
        throw new IOException(e.getMessage() + ". " + where + " The application is stopped", e);
      }
      if (source == Source.OWN) {
        // The repository this appliance's backups go on to: a later one that does not open is never replaced.
        BackupState.load(root).opened(repository.shown(), restic.id());
      }
      log.accept("restore: done in " + Duration.between(began, installation.clock().instant()).toMillis() / 1000.0
          + " s: run " + run.id() + " (appliance " + manifest.applianceVersion() + ", " + manifest.appVersion() + ")"
          + (Files.exists(aside) ? "; what /data held before is in " + aside : ""));
    }
    installation.alerts().resolve(ALERT, "restored");
    // The start chain takes these locks itself: released first, or its steps would find them held.
    installation.release(ApplianceLock.EXCLUSIVE);
    installation.release(ApplianceLock.WORK);
    start();
    return Cli.OK;
  }

  /**
   * Where what /data held goes. A mirror's first restore moves this appliance's own data aside for good; each later
   * night's holds only the night before's mirror, and replaces it.
   */
  private Path aside(Source source, Instant began) throws IOException {
    boolean mirroredBefore;
    try (Stream<Path> entries = Files.list(root.resolve("/data"))) {
      mirroredBefore = entries.anyMatch(p -> p.getFileName().toString().startsWith(FIRST_MIRROR_ASIDE));
    }
    String prefix = source == Source.OWN ? ASIDE : mirroredBefore ? MIRROR_ASIDE : FIRST_MIRROR_ASIDE;
    return root.resolve("/data/" + prefix + STAMP.format(began));
  }

  /** A run's files restored into a directory beside /data and checked against its manifest. */
  private record Restored(Path staging, Manifest manifest) {}

  /** The marker of a restore that has begun to replace /data and not finished: the start chain refuses it. */
  public static Path incomplete(HostRoot root) {
    return root.resolve("/data/" + BackupContents.RESTORE_PREFIXES.get(4));
  }

  /** Refuses {@code step} while a restore that began to replace /data has not finished: its database may be empty. */
  public static void refuseIfIncomplete(HostRoot root, String step) throws IOException {
    if (Files.exists(incomplete(root))) {
      throw new IOException("not running " + step + ": a restore began to replace /data and did not finish ("
          + Files.readString(incomplete(root)).strip() + "); its database may be empty. Run it again: appliance restore"
          + " --yes (or see " + incomplete(root) + ")");
    }
  }

  private Restored restoreFiles(Restic restic, BackupRuns.Run run, boolean withDatabase, Instant began)
      throws IOException {
    removeLeftStaging();
    long need = run.files().flatMap(f -> f.tag(BackupTags.SIZE)).filter(b -> b.matches("[0-9]{1,18}"))
        .map(Long::parseLong).orElse(0L) + (256L << 20);
    long free = dev.appliance.storage.DiskSpace.of(root).usage("/data").availableBytes();
    if (free < need) {
      throw new IOException("/data has " + (free >> 20) + " MiB free, and the restored copy needs about " + (need >> 20)
          + " MiB beside what /data holds (moved aside, never deleted); nothing was changed. Free space on /data");
    }
    Path staging = root.resolve("/data/" + BackupContents.RESTORE_PREFIXES.get(0) + STAMP.format(began));
    restic.restore(run.files().orElseThrow().id(), staging);
    Path manifestFile = staging.resolve(Manifest.PATH);
    if (!Files.isRegularFile(manifestFile)) {
      throw new IOException("snapshot " + run.files().get().shortId() + " holds no manifest (" + Manifest.PATH
          + "): it is not an appliance backup. Nothing was changed; the restored files are left in " + staging);
    }
    Manifest manifest = Manifest.read(manifestFile);
    ManifestCheck.Result files = ManifestCheck.check(manifest, staging);
    if (!files.ok()) {
      throw new IOException("the restored files do not match the manifest: " + files.describe() + ". Nothing was"
          + " changed, the application keeps serving; the restored files are left for inspection in " + staging);
    }
    log.accept("restore: " + files.describe());
    if (withDatabase && manifest.database() == null) {
      throw new IOException("the manifest of run " + run.id() + " names no database dump. Nothing was changed; the"
          + " restored files are left for inspection in " + staging);
    }
    return new Restored(staging, manifest);
  }

  /** What a restore cut short left beside /data (a copy out of the repository, never the data itself). */
  private void removeLeftStaging() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve("/data"))) {
      for (Path left : entries.filter(p -> p.getFileName().toString().startsWith(BackupContents.RESTORE_PREFIXES.get(0)))
          .toList()) {
        log.accept("restore: removing " + left + ", the restored copy a restore before this one left");
        root.files().deleteTree(left);
      }
    }
  }

  /** /data's entries swapped for the restored ones, the database restored and checked, the tags written. */
  private void swap(Restic restic, BackupRuns.Run run, Restored restored, StackContainers containers,
      Optional<String> database, Source source, Path aside) throws IOException, InterruptedException {
    if (source == Source.MIRROR) {
      // The other appliance's machine keys stay there: this appliance keeps its own certificates and client CA.
      for (String own : MIRROR_KEEPS) {
        root.files().deleteTree(restored.staging().resolve(own));
      }
      removeEarlierMirrorAsides();
    }
    moveIn(restored.staging(), aside);
    if (database.isPresent()) {
      restoreDatabase(restic, containers, database.get(), run.database().orElseThrow().id(),
          restored.manifest().database(), aside);
    }
    Tags tags = new Tags(root, installation.clock());
    tags.write(Tags.LAST_RUNNING, restored.manifest().images());
    tags.write(Tags.LAST_MIGRATED, restored.manifest().images());
  }

  private BackupRuns.Run chosen(Restic restic, String snapshot) throws IOException {
    List<BackupRuns.Run> runs = BackupRuns.of(restic.snapshots());
    return BackupRuns.select(runs, snapshot).orElseThrow(() -> new Cli.BadInputException(runs.isEmpty()
        ? "the backup repository " + restic.repository().shown() + " holds no backup of the appliance's"
        : snapshot.equals("latest") ? "the backup repository " + restic.repository().shown() + " holds no verified"
            + " backup run; name one with --snapshot (see them with: appliance backup list)"
        : "no whole backup run is named '" + snapshot + "'; see them with: appliance backup list"));
  }

  /** What /data holds that is data, if anything: files of the application, or rows in the database. */
  private Optional<String> dataHeld(StackContainers containers, Optional<String> database, EnvConfig env)
      throws IOException, InterruptedException {
    Path data = root.resolve("/data");
    if (Files.isDirectory(data)) {
      try (Stream<Path> entries = Files.list(data)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (!MADE_BY_THE_APPLIANCE.contains(name) && !name.startsWith(".") && holdsFiles(entry)) {
            return Optional.of("files in " + entry);
          }
        }
      }
    }
    if (database.isPresent()) {
      if (containers.running(database.get())) {
        Map<String, Long> rows = DatabaseRestore.rowCounts(DatabaseRestore.Database.of(containers, database.get()),
            env.app().databaseName());
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        // A database as its first migration here left it holds nothing to lose.
        if (total > 0 && !FreshDatabase.read(root).equals(Optional.of(rows))) {
          return Optional.of(total + " rows in the database " + env.app().databaseName() + ", written since its first"
              + " migration on this machine");
        }
      } else if (Files.exists(data.resolve("postgresql/PG_VERSION"))) {
        return Optional.of("a database cluster in " + data.resolve("postgresql") + ", not running, so not looked into");
      }
    }
    return Optional.empty();
  }

  private static boolean holdsFiles(Path entry) throws IOException {
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    try (Stream<Path> walk = Files.walk(entry)) {
      return walk.anyMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
    }
  }

  private void removeEarlierMirrorAsides() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve("/data"))) {
      for (Path earlier : entries.filter(p -> p.getFileName().toString().startsWith(MIRROR_ASIDE)).toList()) {
        log.accept("restore: removing " + earlier + ", what the mirror restore before this one moved aside");
        root.files().deleteTree(earlier);
      }
    }
  }

  /** Moves what /data holds of the restored entries (and the live cluster) aside, then the restored ones in. */
  private void moveIn(Path staging, Path aside) throws IOException {
    Path data = root.resolve("/data");
    List<String> restored;
    try (Stream<Path> entries = Files.list(staging)) {
      restored = entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String name : Stream.concat(restored.stream(), Stream.of("postgresql")).distinct().toList()) {
      if (Files.exists(data.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        root.files().move(data.resolve(name), aside.resolve(name));
      }
    }
    for (String name : restored) {
      root.files().move(staging.resolve(name), data.resolve(name));
    }
    root.files().deleteTree(staging);
    // This machine's own state, never in a backup, stays with it: its open alerts, its backup state.
    for (String own : MACHINE_STATE) {
      if (Files.exists(aside.resolve(own), LinkOption.NOFOLLOW_LINKS) && !Files.exists(data.resolve(own), LinkOption.NOFOLLOW_LINKS)) {
        root.files().move(aside.resolve(own), data.resolve(own));
      }
    }
  }

  private void restoreDatabase(Restic restic, StackContainers containers, String service, String snapshot,
      Manifest.Database dump, Path aside) throws IOException, InterruptedException {
    log.accept("restore: a new database cluster for " + dump.name() + ", then pg_restore of "
        + Progress.mib(dump.bytes()) + " (" + dump.rows().size() + " tables)");
    root.files().createDirectories(root.resolve("/data/postgresql"));
    try {
      containers.start(List.of(containers.stack().services().get(service)));
      containers.await(service, Condition.SERVICE_HEALTHY);
    } catch (ServiceFailedException e) {
      throw new IOException("the database service " + service + " did not start: " + e.getMessage() + ". The"
          + " application is not started; the database before the restore is in " + aside.resolve("postgresql"), e);
    }
    String problem = DatabaseRestore.restore(restic, DatabaseRestore.Database.of(containers, service), snapshot, dump);
    if (!problem.isEmpty()) {
      containers.stop(List.of(containers.stack().services().get(service)), Installation.STOP_TIMEOUT);
      throw new IOException("the restored database does not match the backup: " + problem + ". The application is"
          + " not started; the database before the restore is in " + aside.resolve("postgresql"));
    }
    log.accept("restore: database " + dump.name() + " restored, its dump and every table's row count match the manifest");
  }

  /** Under systemd the appliance's start chain; in a test root, the command that starts it. */
  private void start() throws IOException {
    if (installation.underSystemd()) {
      installation.processes().run(SystemctlCommands.startNoBlock("appliance.service"), Duration.ofMinutes(1));
      log.accept("restore: the appliance is starting (systemctl status appliance)");
    } else {
      log.accept("restore: start the appliance with: appliance up");
    }
  }
}
