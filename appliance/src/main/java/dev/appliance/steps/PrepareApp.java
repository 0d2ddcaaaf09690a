package dev.appliance.steps;

import dev.appliance.app.DatabaseDump;
import dev.appliance.app.Tags;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code prepare-app}: makes every image present first, building or pulling what is missing (nothing is stopped
 * before); then, if the stack's images
 * differ from the version that last ran (or was last migrated) and the stack has a migration: maintenance on, the
 * services that use the database stopped, the database dumped, the migration run as a one-off container.
 */
public final class PrepareApp {

  /** The dump or the migration failed; the appliance is failed then, with its data as the dump left it. */
  public static final class MigrationFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    MigrationFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Installation installation;

  public PrepareApp(Installation installation) {
    this.installation = installation;
  }

  public void run() throws Exception {
    Consumer<String> log = installation.log();
    FailureFlag failure = new FailureFlag(installation.root(), installation.clock());
    failure.refuseIfRaised("prepare-app");
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    if (env.appliance().standby()) {
      log.accept("standby: nothing to prepare");
      return;
    }
    Stack stack = installation.stack(env);
    Map<String, String> ids = installation.images().ensure(stack, installation.stackDir());
    Tags tags = new Tags(installation.root(), installation.clock());
    tags.write(Tags.LAST_PREPARED, ids);
    Optional<Stack.Migrate> migrate = stack.appliance().migrate();
    boolean changed = !tags.read(Tags.LAST_RUNNING).equals(Optional.of(Map.copyOf(ids)))
        && !tags.read(Tags.LAST_MIGRATED).equals(Optional.of(Map.copyOf(ids)));
    if (!changed || migrate.isEmpty()) {
      log.accept(changed ? "new version; the stack has no migration" : "version unchanged; no migration");
      return;
    }
    try {
      migrate(stack, ids, migrate.get(), env.app().databaseName());
    } catch (MigrationFailedException e) {
      failure.raise(e.getMessage(), log);
      throw e;
    }
    tags.write(Tags.LAST_MIGRATED, ids);
  }

  private void migrate(Stack stack, Map<String, String> ids, Stack.Migrate migrate, String database) throws Exception {
    Consumer<String> log = installation.log();
    MaintenancePage page = new MaintenancePage(installation.root(), installation.clock());
    if (!page.operatorHeld()) {
      page.show("Updating", "The application is being updated: its database is saved, then migrated.");
    }
    StackContainers containers = new StackContainers(installation.engine(), stack, installation.root(), ids,
        installation.clock(), installation.sleeper(), log);
    // What the migration needs, and the database for the dump.
    Set<String> neededNames = new LinkedHashSet<>();
    StartOrder.dependenciesOf(stack, migrate.service()).forEach(s -> neededNames.add(s.name()));
    stack.appliance().database().ifPresent(d -> {
      StartOrder.dependenciesOf(stack, d).forEach(s -> neededNames.add(s.name()));
      neededNames.add(d);
    });
    List<Service> needed = StartOrder.of(stack).stream().filter(s -> neededNames.contains(s.name())).toList();
    List<Service> others = StartOrder.of(stack).stream()
        .filter(s -> !neededNames.contains(s.name()) && !StartOrder.isProxy(stack, s)).toList();
    log.accept("version changed: stopping " + others.stream().map(Service::name).toList() + " for the migration");
    containers.stop(others, Duration.ofSeconds(30));
    containers.start(needed);
    containers.awaitHealthy(needed);
    Optional<String> databaseService = stack.appliance().database();
    if (databaseService.isPresent()) {
      try {
        Path dump = new DatabaseDump(installation.root(), installation.clock()).dump(containers, databaseService.get(), database);
        log.accept("database dumped before the migration: " + dump);
      } catch (IOException e) {
        throw new MigrationFailedException("the dump before the migration failed, so nothing was migrated: " + e.getMessage(), e);
      }
    } else {
      log.accept("the stack names no database (x-appliance/database); migrating without a dump");
    }
    log.accept("migrating: " + migrate.service() + " " + String.join(" ", migrate.command()));
    long code = containers.runOnce(containers.spec(migrate.service()).oneOff("migrate", migrate.command()), Duration.ofMinutes(60));
    if (code != 0) {
      throw new MigrationFailedException("the migration failed (exit " + code + "); the dump in "
          + installation.root().dumps() + " holds the database as it was before", null);
    }
    log.accept("migration done");
  }
}
