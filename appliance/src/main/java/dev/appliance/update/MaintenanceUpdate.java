package dev.appliance.update;

import dev.appliance.app.DatabaseDump;
import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import dev.appliance.steps.Installation;
import dev.appliance.update.UpdateJournal.State;
import dev.appliance.update.UpdateJournal.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The update behind the maintenance page: the database's users stopped, the database dumped and the dump checked,
 * the migration run, the new version started and health-gated. Any failure rolls back on its own ({@link #rollBack}):
 * the new version stopped, the database dropped and restored from the dump, the old images started and gated, the
 * page removed. Only a rollback that fails too leaves the appliance failed.
 */
final class MaintenanceUpdate {

  private static final Duration MIGRATION_TIMEOUT = Duration.ofMinutes(60);

  private final UpdateRun run;

  MaintenanceUpdate(UpdateRun run) {
    this.run = run;
  }

  /**
   * @return whether the new version serves; false if it was rolled back (the old one serves)
   */
  boolean run(Version from, Version to, boolean migrates) throws Exception {
    MaintenancePage page = new MaintenancePage(run.root, run.installation.clock());
    if (!page.operatorHeld()) {
      page.show("Updating", "The application is being updated to a new version; it is back in a few minutes.");
    }
    StackContainers old = run.containers(from);
    State reached = run.journal().state();
    try {
      List<Service> others = application(old.stack()).stream()
          .filter(s -> !databaseAndNeeds(old.stack()).contains(s)).toList();
      run.log.accept("update: stopping " + others.stream().map(Service::name).toList() + " for the update");
      old.stop(others, Installation.STOP_TIMEOUT);
      Optional<String> database = old.stack().appliance().database();
      if (database.isPresent()) {
        dump(old, database.get());
        reached = State.DUMPED;
      }
      if (migrates) {
        migrate(run.containers(to));
        run.reach(State.MIGRATED, "");
        reached = State.MIGRATED;
      }
      start(run.containers(to));
      run.reach(State.CANDIDATE_UP, "every service of the new version healthy");
      reached = State.CANDIDATE_UP;
      serve(to);
      return true;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      run.log.accept("update: failed at " + reached.word() + ": " + why + "; rolling back");
      rollBack(from, to, reached, why);
      run.alertRolledBack(reached, why);
      return false;
    }
  }

  void dump(StackContainers old, String service) throws Exception {
    start(old, databaseAndNeeds(old.stack()));
    UpdateDatabase database = new UpdateDatabase(old, service, run.env.app().databaseName());
    Path dump = new DatabaseDump(run.root, run.installation.clock()).dump(old, service, run.env.app().databaseName());
    database.check(dump);
    run.dumped(dump, database.owner(), database.rows());
  }

  void migrate(StackContainers next) throws Exception {
    Stack.Migrate migration = next.stack().appliance().migrate().orElseThrow();
    start(next, StartOrder.dependenciesOf(next.stack(), migration.service()));
    run.log.accept("update: migrating: " + migration.service() + " " + String.join(" ", migration.command()));
    long code = next.runOnce(next.spec(migration.service()).oneOff("migrate", migration.command()), MIGRATION_TIMEOUT);
    if (code != 0) {
      throw new IOException("the migration failed (exit " + code + ")");
    }
  }

  /** Every service of the version but the front, started and health-gated (after a reboot: all stopped). */
  void start(StackContainers version) throws Exception {
    start(version, application(version.stack()));
  }

  private static void start(StackContainers version, List<Service> services) throws Exception {
    version.start(services);
    version.awaitHealthy(services);
  }

  /**
   * The front of {@code version} (recreated if its image or settings changed) with its site live, the page down
   * (unless an operator holds it), the application awaited through the front.
   */
  void serve(Version version) throws Exception {
    StackContainers containers = run.containers(version);
    containers.ensureRunning(containers.stack().appliance().proxy().orElseThrow());
    run.pointFront(version, null, true);
    MaintenancePage page = new MaintenancePage(run.root, run.installation.clock());
    page.clearAutomatic();
    if (!page.operatorHeld()) {
      run.awaitFront(version);
    }
  }

  /**
   * Back to {@code from}: the new version stopped, the database restored from the dump if the update migrates and got
   * as far as taking one (an update that does not migrate changed no data: its users were stopped before the dump),
   * the old version started and gated, its images named as before. A rollback that fails raises the failed state.
   */
  void rollBack(Version from, Version to, State failedAt, String why) throws Exception {
    run.reach(State.ROLLING_BACK, "from " + failedAt.word() + ": " + why);
    try {
      MaintenancePage page = new MaintenancePage(run.root, run.installation.clock());
      if (!page.operatorHeld()) {
        page.show("Updating", "The update did not succeed; the previous version is being restored.");
      }
      StackContainers next = run.containers(to);
      String web = next.stack().appliance().web().service();
      run.installation.engine().remove(ContainerSpec.candidateName(next.stack(), web), next.stack().name(),
          "the update is rolled back");
      // A migration still at work (its update was killed) ends first.
      next.stack().appliance().migrate().map(m -> next.spec(m.service()).oneOff("migrate", m.command()).name())
          .ifPresent(m -> run.installation.engine().stop(m, Installation.STOP_TIMEOUT));
      next.stop(application(next.stack()), Installation.STOP_TIMEOUT);
      StackContainers old = run.containers(from);
      Optional<String> database = old.stack().appliance().database();
      if (run.journal().migrates() && database.isPresent() && run.journal().dump().isPresent()) {
        Path dump = Path.of(run.journal().dump().get());
        start(old, databaseAndNeeds(old.stack()));
        run.log.accept("update: the database dropped and restored from " + dump);
        new UpdateDatabase(old, database.get(), run.env.app().databaseName())
            .restore(dump, run.journal().owner().orElse("postgres"), run.journal().rows());
        run.log.accept("update: the database restored; every table's row count equals the dump's");
      }
      start(old);
      serve(from);
      run.rolledBack(why);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      String reason = "the update from " + from.label() + " to " + to.label() + " failed at " + failedAt.word() + " (" + why
          + ") and its rollback failed too: " + e.getMessage()
          + run.journal().dump().map(d -> ". The database before the update is in " + d).orElse("")
          + ". Try the rollback again with: appliance rollback --yes";
      run.reach(State.FAILED, reason);
      new FailureFlag(run.root, run.installation.clock()).raise("update", reason, run.installation.alerts(), run.log);
      throw new IOException(reason, e);
    }
  }

  /** The services of {@code stack} but the front, in start order. */
  private static List<Service> application(Stack stack) {
    return StartOrder.of(stack).stream().filter(s -> !StartOrder.isProxy(stack, s)).toList();
  }

  /** The database service and the services it needs, in start order. */
  private static List<Service> databaseAndNeeds(Stack stack) {
    Set<String> names = new LinkedHashSet<>();
    stack.appliance().database().ifPresent(d -> {
      StartOrder.dependenciesOf(stack, d).forEach(s -> names.add(s.name()));
      names.add(d);
    });
    return StartOrder.of(stack).stream().filter(s -> names.contains(s.name())).toList();
  }
}
