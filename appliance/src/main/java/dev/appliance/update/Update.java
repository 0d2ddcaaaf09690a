package dev.appliance.update;

import dev.appliance.alerts.Alert;
import dev.appliance.app.Tags;
import dev.appliance.backup.BackupRun;
import dev.appliance.engine.Engine;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.images.StackImages;
import dev.appliance.stack.ImageRef;
import dev.appliance.stack.Stack;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareStackDirectories;
import dev.appliance.storage.DiskSpace;
import dev.appliance.update.UpdateJournal.Kind;
import dev.appliance.update.UpdateJournal.State;
import dev.appliance.update.UpdateJournal.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code appliance update}: an unfinished update taken to its end first; then the preflight (the env and the new
 * stack valid, every image present, loaded from the archive given or pulled, free space for twice the database,
 * nobody else at work), a backup (a failed one means no update), and the update itself, a switch without downtime
 * or behind the maintenance page ({@link UpdatePlan}).
 */
public final class Update {

  /** How long an update waits for a backup, a restore or a drill to end. */
  static final Duration LOCK_PATIENCE = Duration.ofMinutes(15);

  /**
   * What to update to.
   *
   * @param images an archive of images to load first ({@code appliance images save})
   * @param stack the new stack file (default: the one the appliance runs)
   * @param check only say what would change
   */
  public record Request(Optional<Path> images, Optional<Path> stack, boolean check) {}

  private final Installation installation;
  private final Optional<PrintWriter> terminal;
  private final HostRoot root;
  private final Consumer<String> log;

  public Update(Installation installation, Optional<PrintWriter> terminal) {
    this.installation = installation;
    this.terminal = terminal;
    this.root = installation.root();
    this.log = installation.log();
  }

  /** Exit code 0 updated (or nothing to do), 1 failed or rolled back (alerted), 2 bad input. */
  public int run(Request request, Consumer<String> out) throws Exception {
    EnvConfig env = ActiveEnv.require(root).config();
    if (env.appliance().standby()) {
      throw new Cli.BadInputException("the appliance is on standby (appliance/standby): no application runs to update");
    }
    Optional<UpdateJournal> last = UpdateJournal.read(root);
    if (request.check()) {
      last.filter(UpdateJournal::unfinished).ifPresent(j -> out.accept("unfinished update " + j.describe()
          + ": the next 'appliance update' resumes or rolls it back first"));
      lock();
      UpdatePlan plan = plan(env, request);
      // What a load or a pull brought is there for the update; the names stay on the running version.
      new KeptImages(installation.engine(), log).renameBack(version(plan.from(), installation.stackFile(), plan.fromIds(),
          installation.engine()));
      plan.lines().forEach(out);
      return Cli.OK;
    }
    lock();
    if (last.isPresent() && last.get().unfinished()) {
      boolean served = new UpdateRecovery(new UpdateRun(installation, env, last.get())).converge();
      if (request.images().isEmpty() && request.stack().isEmpty()) {
        return served ? Cli.OK : Cli.FAILURE; // a rerun: the update it was about has ended
      }
    }
    if (installation.otherSupervisor().isEmpty()) {
      throw new Cli.BadInputException("the appliance is not running (no supervisor holds " + root.runState()
          + "/supervisor.pid): an update replaces a serving version. Start it first (systemctl start appliance); a"
          + " start runs a new stack's images and migration too");
    }
    UpdatePlan plan = plan(env, request);
    plan.lines().forEach(log);
    Version from = version(plan.from(), installation.stackFile(), plan.fromIds(), installation.engine());
    if (plan.nothing()) {
      log.accept("update: nothing to do; " + from.label() + " serves already");
      return Cli.OK;
    }
    Path toFile = request.stack().map(Path::toAbsolutePath).orElse(installation.stackFile());
    Version to = version(plan.to(), toFile, plan.toIds(), installation.engine());
    try {
      checkSpace(env, plan);
    } catch (Cli.BadInputException e) {
      new KeptImages(installation.engine(), log).renameBack(from); // what the load or pull moved
      throw e;
    }
    Instant began = installation.clock().instant();
    UpdateRun run = new UpdateRun(installation, env, UpdateJournal.begin(from, to, plan.kind(), plan.migrates(), began));
    run.journal().write(root);
    log.accept("update: from " + from.label() + " to " + to.label() + ": preflight passed");
    boolean served;
    try {
      KeptImages kept = new KeptImages(installation.engine(), log);
      kept.keep(to);
      kept.keepOnly(from, to);
      PrepareStackDirectories.prepare(installation, plan.to());
      if (new BackupRun(installation, terminal).run(Duration.ZERO) != Cli.OK) {
        throw new IOException("the backup before the update failed (see the lines above; alert " + BackupRun.FAILED_ALERT
            + ")");
      }
      run.reach(State.BACKED_UP, "");
      served = plan.kind() == Kind.SWITCH ? switchOver(run, plan, from, to)
          : new MaintenanceUpdate(run).run(from, to, plan.migrates());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      if (run.journal().state() == State.PREFLIGHT) {
        run.renameBack(from);
        run.reach(State.NOT_ATTEMPTED, e.getMessage());
        installation.alerts().raise(Alert.warning(UpdateRun.ALERT, "update from " + from.label() + " to " + to.label()
            + " not attempted", e.getMessage() + "\nNothing was changed; " + from.label() + " keeps serving. Once"
            + " the cause is gone, run: appliance update"));
        return Cli.FAILURE;
      }
      // What neither way could take back itself (a failure after the switch): the journal keeps its state.
      installation.alerts().raise(Alert.critical(UpdateRun.ALERT, "update from " + from.label() + " to " + to.label()
          + " stopped at " + run.journal().state().word(), e.getMessage() + "\nNo service is restarted until it ends:"
          + " run appliance update, which resumes or rolls it back."));
      throw e;
    }
    if (!served) {
      return Cli.FAILURE;
    }
    run.done();
    log.accept("update: " + to.label() + " serves (from " + from.label() + ", in "
        + Duration.between(began, installation.clock().instant()).toSeconds() + " s)");
    return Cli.OK;
  }

  /**
   * Takes an unfinished update to its end (resumed or rolled back) before a start uses the stack: what a reboot
   * in the middle of an update needs. Nothing when the last update ended.
   */
  public static void finishUnfinished(Installation installation, EnvConfig env) throws Exception {
    Optional<UpdateJournal> failed = UpdateJournal.read(installation.root()).filter(j -> j.state() == State.FAILED);
    if (failed.isPresent()) {
      // Its rollback failed, or it could not be finished: the database may be neither version's.
      throw new Cli.BadInputException("the last update failed and was not rolled back (" + failed.get().describe()
          + "); run: appliance rollback --yes (it restores the database from the dump before the update), or, once the"
          + " database is as it should be, move " + UpdateJournal.file(installation.root()) + " aside");
    }
    Optional<UpdateJournal> journal = UpdateJournal.read(installation.root()).filter(UpdateJournal::unfinished);
    if (journal.isPresent()) {
      installation.await(ApplianceLock.EXCLUSIVE, "update recovery", LOCK_PATIENCE);
      installation.awaitWork("update recovery", LOCK_PATIENCE);
      new UpdateRecovery(new UpdateRun(installation, env, journal.get())).converge();
    }
  }

  private boolean switchOver(UpdateRun run, UpdatePlan plan, Version from, Version to) throws Exception {
    if (plan.migrates()) {
      // A compatible migration: the old version serves on the migrated schema until the switch.
      MaintenanceUpdate migration = new MaintenanceUpdate(run);
      State reached = State.BACKED_UP;
      try {
        Optional<String> database = plan.from().appliance().database();
        if (database.isPresent()) {
          migration.dump(run.containers(from), database.get());
          reached = State.DUMPED;
        }
        migration.migrate(run.containers(to));
        run.reach(State.MIGRATED, "while " + from.label() + " served");
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        // The old version works on what a compatible migration did: restoring the dump would lose its writes since.
        new WebSwitch(run).back(from, to, e.getMessage());
        run.alertRolledBack(reached, e.getMessage());
        return false;
      }
    }
    return new WebSwitch(run).run(from, to);
  }

  /** Both locks, waited for a while: a backup or a drill at work ends first. */
  private void lock() throws IOException, InterruptedException {
    try {
      // In prepare-app's order, the one lock first: two commands each holding one would wait for each other.
      installation.await(ApplianceLock.EXCLUSIVE, "update", LOCK_PATIENCE);
      installation.awaitWork("update", LOCK_PATIENCE);
    } catch (Cli.BadInputException busy) {
      // A scheduled update that could not start is a failure to see, not bad input.
      throw new IOException(busy.getMessage(), busy);
    }
  }

  /** From the running version to the one asked for: images loaded or pulled first, every one present. */
  /**
   * From the running version to the one asked for: the running version's images kept by name, the archive loaded
   * and the registry's images pulled, then every image of the new version present, or bad input with the names as
   * before.
   */
  private UpdatePlan plan(EnvConfig env, Request request) throws Exception {
    Stack from = installation.stack(env);
    Map<String, String> fromIds = new Tags(root, installation.clock()).read(Tags.LAST_RUNNING)
        .orElseThrow(() -> new Cli.BadInputException("the appliance has not served a version yet (no "
            + root.tags().resolve(Tags.LAST_RUNNING) + "): start it first (systemctl start appliance)"));
    Path toFile = request.stack().orElse(installation.stackFile());
    Stack to = installation.stack(env, toFile);
    if (!to.name().equals(from.name())) {
      throw new Cli.BadInputException(toFile + " names the stack '" + to.name() + "', the running one is '" + from.name()
          + "': its containers, network and labels are named after it, so an update keeps it. Set name: "
          + from.name() + " in " + toFile);
    }
    Engine engine = installation.engine();
    StackImages images = new StackImages(engine, log);
    KeptImages kept = new KeptImages(engine, log);
    Version running = version(from, installation.stackFile(), fromIds, engine);
    kept.keep(running);
    try {
      if (request.images().isPresent()) {
        load(images, to, request.images().get());
      }
      pull(engine, to);
      return UpdatePlan.of(from, fromIds, to, images.ids(to), root, engine);
    } catch (StackImages.MissingImageException e) {
      kept.renameBack(running);
      throw new Cli.BadInputException(e.getMessage().replace("run: appliance prepare-app", "give it with: appliance"
          + " update --images FILE (written by 'appliance images save' where it is)") + "; nothing was changed");
    } catch (Cli.BadInputException e) {
      kept.renameBack(running);
      throw e;
    }
  }


  private void load(StackImages images, Stack to, Path archive) throws Exception {
    if (!Files.isRegularFile(archive)) {
      throw new Cli.BadInputException("there is no image archive " + archive);
    }
    long free = DiskSpace.of(root).usage("/volatile").availableBytes();
    if (free < 2 * Files.size(archive)) {
      throw new Cli.BadInputException("/volatile has " + (free >> 20) + " MiB free and loading " + archive + " needs about "
          + (2 * Files.size(archive) >> 20) + " MiB; free space there first (appliance cleanup); nothing was changed");
    }
    try {
      images.load(to, archive);
    } catch (StackImages.MissingImageException e) {
      throw new Cli.BadInputException(e.getMessage() + "; nothing was changed");
    } catch (RuntimeException e) {
      throw new Cli.BadInputException(archive + " is not an image archive (" + e.getMessage() + "); write one with:"
          + " appliance images save FILE");
    }
  }

  /** The new version's images named with a registry, pulled again: a tag may name a newer image there. */
  private void pull(Engine engine, Stack to) throws InterruptedException {
    for (String image : StackImages.names(to).keySet()) {
      ImageRef ref = ImageRef.parse(image).withDefaultTag();
      if (ref.registry().isEmpty()) {
        continue;
      }
      try {
        engine.pull(ref.name(), ref.tagOrDigest());
        log.accept("update: pulled " + image + " (" + UpdatePlan.shortId(engine.imageId(image).orElse(null)) + ")");
      } catch (RuntimeException e) {
        log.accept("update: cannot pull " + image + " (" + e.getMessage() + ")"
            + (engine.imageId(image).isPresent() ? "; the image present here is used" : ""));
      }
    }
  }

  /** Twice the database on /data: the dump, and the migration's own growth. */
  private void checkSpace(EnvConfig env, UpdatePlan plan) throws Exception {
    Optional<String> database = plan.from().appliance().database();
    if (database.isEmpty()) {
      return;
    }
    long bytes = new UpdateDatabase(installation.containers(plan.from(), plan.fromIds()), database.get(),
        env.app().databaseName()).bytes();
    long free = DiskSpace.of(root).usage("/data").availableBytes();
    if (free < 2 * bytes) {
      throw new Cli.BadInputException("/data has " + (free >> 20) + " MiB free and the update needs twice the database's "
          + (bytes >> 20) + " MiB (its dump, and the migration); free space on /data first; nothing was changed");
    }
  }

  /** A version as the journal and people name it: the web service's image and its ID. */
  static Version version(Stack stack, Path stackFile, Map<String, String> ids, Engine engine) {
    Map<String, String> digests = new java.util.TreeMap<>();
    ids.forEach((image, id) -> {
      ImageRef ref = ImageRef.parse(image);
      if (ref.registry().isPresent()) {
        engine.repoDigests(id).stream().filter(d -> d.startsWith(ref.name() + "@")).findFirst()
            .ifPresent(d -> digests.put(image, d));
      }
    });
    return new Version(label(stack, ids), stackFile.toAbsolutePath().toString(), ids, digests);
  }

  private static String label(Stack stack, Map<String, String> ids) {
    String web = StackImages.imageName(stack, stack.services().get(stack.appliance().web().service()));
    return web + " (" + UpdatePlan.shortId(ids.get(web)) + ")";
  }

  /** The label of the version serving now, from the root's stack and its version tags. */
  public static Optional<String> runningLabel(HostRoot root, Stack stack, java.time.Clock clock) throws IOException {
    return new Tags(root, clock).read(Tags.LAST_RUNNING).map(ids -> label(stack, ids));
  }

}
