package dev.appliance.steps;

import dev.appliance.app.DatabaseDump;
import dev.appliance.app.Tags;
import dev.appliance.backup.FreshDatabase;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * On a new version (images that have neither run nor been migrated here) of a stack with a migration: maintenance
 * on, the services that use the database stopped, the database dumped, the migration run as a one-off container,
 * and {@code tags/last_migrated} written. A failed dump or migration raises the failed state.
 */
final class MigrateDatabase implements Step {

  /** The dump or the migration failed; the appliance is failed then, with its data as the dump left it. */
  static final class MigrationFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    MigrationFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Stack stack;
  private final EnvConfig env;
  private final PrepareImages images;

  /** How long a migration waits for a backup (or a drill) to end: a backup of a large /data takes a while. */
  static final Duration WORK_PATIENCE = Duration.ofHours(1);

  MigrateDatabase(Stack stack, EnvConfig env, PrepareImages images) {
    this.stack = stack;
    this.env = env;
    this.images = images;
  }

  @Override
  public String name() {
    return "migration";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!new Tags(context.root(), context.clock()).isNewVersion(images.ids())) {
      return Optional.of("done (version unchanged; no migration): this version ran or was migrated here");
    }
    return stack.appliance().migrate().isEmpty()
        ? Optional.of("done (new version; the stack has no migration)") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    try {
      migrate(context, stack.appliance().migrate().get());
    } catch (MigrationFailedException e) {
      // A migration that 'appliance stop' ended did not fail: the next start migrates again.
      if (!context.stopRequested()) {
        new FailureFlag(context.root(), context.clock()).raise(PrepareApp.UNIT, e.getMessage(), context.alerts(),
            context.log());
      }
      throw e;
    }
    new Tags(context.root(), context.clock()).write(Tags.LAST_MIGRATED, images.ids());
  }

  private void migrate(StepContext context, Stack.Migrate migration) throws Exception {
    Consumer<String> log = context.log();
    Tags tags = new Tags(context.root(), context.clock());
    boolean first = tags.read(Tags.LAST_MIGRATED).isEmpty() && tags.read(Tags.LAST_RUNNING).isEmpty();
    MaintenancePage page = new MaintenancePage(context.root(), context.clock());
    if (!page.operatorHeld()) {
      page.show("Updating", "The application is being updated: its database is saved, then migrated.");
    }
    StackContainers containers = new StackContainers(context.engine(), stack, context.root(), images.ids(),
        context.clock(), context.sleeper(), log);
    // What the migration needs, and the database for the dump.
    Set<String> neededNames = new LinkedHashSet<>();
    StartOrder.dependenciesOf(stack, migration.service()).forEach(s -> neededNames.add(s.name()));
    stack.appliance().database().ifPresent(d -> {
      StartOrder.dependenciesOf(stack, d).forEach(s -> neededNames.add(s.name()));
      neededNames.add(d);
    });
    List<Service> needed = StartOrder.of(stack).stream().filter(s -> neededNames.contains(s.name())).toList();
    List<Service> others = StartOrder.of(stack).stream()
        .filter(s -> !neededNames.contains(s.name()) && !StartOrder.isProxy(stack, s)).toList();
    // Never under a backup's pg_dump or its walk of /data: a migration changes both.
    context.awaitWork("migration", WORK_PATIENCE);
    log.accept("version changed: stopping " + others.stream().map(Service::name).toList() + " for the migration");
    containers.stop(others, Installation.STOP_TIMEOUT);
    containers.start(needed);
    containers.awaitHealthy(needed);
    Optional<String> databaseService = stack.appliance().database();
    if (databaseService.isPresent()) {
      try {
        Path dump = new DatabaseDump(context.root(), context.clock()).dump(containers, databaseService.get(), env.app().databaseName());
        log.accept("database dumped before the migration: " + dump);
      } catch (IOException e) {
        throw new MigrationFailedException("the dump before the migration failed, so nothing was migrated: " + e.getMessage(), e);
      }
    } else {
      log.accept("the stack names no database (x-appliance/database); migrating without a dump");
    }
    log.accept("migrating: " + migration.service() + " " + String.join(" ", migration.command()));
    long code = containers.runOnce(containers.spec(migration.service()).oneOff("migrate", migration.command()), Duration.ofMinutes(60));
    if (code != 0) {
      throw new MigrationFailedException("the migration failed (exit " + code + "); the dump in "
          + context.root().dumps() + " holds the database as it was before", null);
    }
    log.accept("migration done");
    if (databaseService.isPresent() && first) {
      // What a restore onto this brand-new appliance may replace without --force: the migration's rows alone.
      try {
        FreshDatabase.record(context.root(), containers, databaseService.get(), env.app().databaseName());
      } catch (IOException e) {
        log.accept("the fresh database's row counts are not recorded (" + e.getMessage() + "); a restore onto this"
            + " appliance will ask for --force");
      }
    }
  }
}
