package dev.appliance.backup;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.StackContainers;
import dev.appliance.engine.Engine;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.stack.Stack;
import dev.appliance.steps.Installation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code appliance restore-drill}: the latest run restored into a throwaway directory on /volatile, its files held
 * against the manifest, its dump restored into a throwaway PostgreSQL container of the stack's own database image
 * and held against the manifest's SHA-256 and row counts. The result is recorded (status, the metric
 * {@code appliance_restore_drill_last_success_timestamp_seconds}); a failure raises {@value #ALERT}. Only what the
 * drill made is removed: its directory and its container.
 */
public final class RestoreDrill {

  public static final String ALERT = "backup/drill";
  /** How long the throwaway database may take to accept connections. */
  static final Duration DATABASE_START = Duration.ofMinutes(3);

  private final Installation installation;
  private final HostRoot root;

  public RestoreDrill(Installation installation) {
    this.installation = installation;
    this.root = installation.root();
  }

  public int run() throws Exception {
    EnvConfig env = ActiveEnv.require(root).config();
    Stack stack = installation.stack(env);
    BackupState state = BackupState.load(root);
    Instant began = installation.clock().instant();
    try {
      BackupRun.awaitWork(installation, "restore drill", BackupRun.LOCK_PATIENCE);
      String result = drill(env, stack);
      String done = "restore drill passed in " + Duration.between(began, installation.clock().instant()).toSeconds()
          + " s: " + result;
      installation.log().accept(done);
      state.drilled(installation.clock().instant(), Optional.empty());
      installation.alerts().resolve(ALERT, done);
      return Cli.OK;
    } catch (Cli.BadInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      installation.log().accept("restore drill failed: " + why);
      installation.alerts().raise(Alert.critical(ALERT, "the restore drill failed: the latest backup may not restore",
          why + "\nRun it again with: appliance restore-drill --now"));
      try {
        state.drilled(installation.clock().instant(), Optional.of(why));
      } catch (IOException unrecorded) {
        installation.log().accept("restore drill: the failure is not recorded: " + unrecorded.getMessage());
      }
      return Cli.FAILURE;
    }
  }

  private String drill(EnvConfig env, Stack stack) throws IOException, InterruptedException {
    var log = installation.log();
    ResticRepository repository = BackupRepository.of(root, env.appliance().backup());
    Path dir = root.resolve("/volatile/restore-drill");
    try (ResticAccess access = ResticAccess.open(root, repository)) {
      Restic restic = new Restic(installation.processes(), access);
      restic.id();
      BackupRuns.Run run = BackupRuns.select(BackupRuns.of(restic.snapshots()), "latest").orElseThrow(() ->
          new IOException("the backup repository " + repository.shown() + " holds no whole backup run to restore"));
      log.accept("restore drill: run " + run.id() + " of " + run.any().time());
      long need = run.files().flatMap(f -> f.tag(BackupTags.SIZE)).filter(b -> b.matches("[0-9]{1,18}"))
          .map(Long::parseLong).orElse(0L) * 2 + (512L << 20);
      long free = dev.appliance.storage.DiskSpace.of(root).usage("/volatile").availableBytes();
      if (free < need) {
        throw new IOException("/volatile has " + (free >> 20) + " MiB free, and the drill needs about " + (need >> 20)
            + " MiB (twice the run's size, for its files and its database, and 512 MiB to spare); nothing was"
            + " restored. Free space there (appliance cleanup)");
      }
      root.files().deleteTree(dir); // a drill cut short leaves its directory: it is the drill's own
      Path data = dir.resolve("data");
      restic.restore(run.files().orElseThrow().id(), data);
      Path manifestFile = data.resolve(Manifest.PATH);
      if (!Files.isRegularFile(manifestFile)) {
        throw new IOException("snapshot " + run.files().get().shortId() + " holds no manifest (" + Manifest.PATH + ")");
      }
      Manifest manifest = Manifest.read(manifestFile);
      ManifestCheck.Result files = ManifestCheck.check(manifest, data);
      if (!files.ok()) {
        throw new IOException("the restored files do not match the manifest: " + files.describe());
      }
      String result = files.describe();
      Optional<String> service = stack.appliance().database();
      if (service.isPresent() && manifest.database() != null) {
        result += "; " + database(stack, service.get(), new HostRoot(dir), restic,
            run.database().map(Snapshot::id).orElseThrow(() -> new IOException("run " + run.id()
                + " has no database snapshot")), manifest.database());
      }
      return result;
    } finally {
      root.files().deleteTree(dir);
    }
  }

  /** The dump restored into a throwaway container of the database's image, and checked. */
  private String database(Stack stack, String service, HostRoot drillRoot, Restic restic, String snapshot,
      Manifest.Database dump)
      throws IOException, InterruptedException {
    Map<String, String> images = new Tags(root, installation.clock()).read(Tags.LAST_PREPARED).orElse(Map.of());
    StackContainers containers = installation.containers(stack, images);
    ContainerSpec spec = containers.spec(service).elsewhere("drill", drillRoot);
    Engine engine = installation.engine();
    engine.remove(spec.name(), stack.name(), "left by a restore drill cut short");
    containers.network().ensure();
    try {
      engine.create(spec, containers.network().name());
      engine.start(spec.name());
      awaitDatabase(engine, spec.name());
      String problem = DatabaseRestore.restore(restic, DatabaseRestore.Database.of(engine, spec.name()), snapshot, dump);
      if (!problem.isEmpty()) {
        throw new IOException("the restored database does not match the backup: " + problem);
      }
      return "database " + dump.name() + " restored into a throwaway " + spec.image() + " container, its dump and "
          + dump.rows().size() + " tables' row counts match";
    } finally {
      engine.remove(spec.name(), stack.name(), "the restore drill is done");
    }
  }

  /** Waits until PostgreSQL answers on TCP: only the final server listens there, not the one that creates the cluster. */
  private void awaitDatabase(Engine engine, String name) throws IOException, InterruptedException {
    Instant until = installation.clock().instant().plus(DATABASE_START);
    while (true) {
      StringBuilder errors = new StringBuilder();
      long code = engine.exec(name, "postgres", List.of("pg_isready", "-q", "-h", "127.0.0.1"),
          new ByteArrayOutputStream(), errors);
      if (code == 0) {
        return;
      }
      if (!installation.clock().instant().isBefore(until)) {
        throw new IOException("the throwaway database " + name + " did not accept connections within "
            + DATABASE_START.toSeconds() + " s: " + engine.logs(name, 20));
      }
      installation.sleeper().sleep(Duration.ofSeconds(1));
    }
  }
}
