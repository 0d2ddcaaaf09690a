package dev.appliance.update;

import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.ServiceFailedException;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StartOrder;
import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.stack.Stack;
import dev.appliance.steps.Installation;
import dev.appliance.update.UpdateJournal.State;
import dev.appliance.update.UpdateJournal.Version;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The update without downtime: the new web container ({@code STACK-web-next}, with the service's alias for the
 * other services) started beside the serving one and health-gated, the front's site pointed at it by name and
 * reloaded gracefully, the old container kept {@link #DRAIN} for the old nginx workers' requests, then stopped and
 * removed; the new container renamed to the service's container name (the front reaching it by its address
 * meanwhile), the site back on that name, and the other changed services (workers) replaced after.
 * A candidate that never passes its gate is removed; the old container never stopped.
 */
final class WebSwitch {

  /** How long the old web container keeps running after the switch: old nginx workers finish their requests. */
  static final Duration DRAIN = Duration.ofSeconds(30);

  private final UpdateRun run;
  private final Engine engine;

  WebSwitch(UpdateRun run) {
    this.run = run;
    this.engine = run.installation.engine();
  }

  /**
   * From {@code from} to {@code to}, the journal past {@link State#BACKED_UP} (or {@link State#MIGRATED} after a
   * compatible migration).
   *
   * @return whether the new version serves; false if it was rolled back (the old one serves)
   */
  boolean run(Version from, Version to) throws Exception {
    Stack stack = run.stack(to);
    String web = stack.appliance().web().service();
    StackContainers next = run.containers(to);
    String candidate = ContainerSpec.candidateName(stack, web);
    // The front on the serving container's name, not the alias the candidate shares (a site of an older appliance).
    run.pointFront(from, null);
    if (run.containers(from).spec(web).hash().equals(next.spec(web).hash())) {
      run.reach(State.SWITCHED, "the web service is unchanged; its followers are replaced");
      finish(to);
      return true;
    }
    try {
      start(next, web);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      // Not healthy in time, or not even created: either way the old container serves on, untouched.
      String lines = lastLines(candidate);
      run.log.accept("update: the new " + web + " container failed its health gate: " + e.getMessage() + lines);
      removeCandidate(stack, web);
      run.rolledBack("the new " + web + " never passed its health gate; the old one kept serving");
      run.alertRolledBack(State.CANDIDATE_UP, e.getMessage() + lines);
      return false;
    }
    run.reach(State.CANDIDATE_UP, candidate + " healthy");
    try {
      run.pointFront(to, candidate);
    } catch (Exception e) {
      back(from, to, e.getMessage());
      run.alertRolledBack(State.CANDIDATE_UP, "the front's site for the new version: " + e.getMessage());
      return false;
    }
    run.reach(State.SWITCHED, "the front sends new requests to " + candidate);
    finish(to);
    return true;
  }

  /**
   * After {@link State#SWITCHED}: the old web container drained, stopped and removed, the site back on the alias,
   * the candidate renamed, the followers replaced. Each part checks first, so a rerun after a kill goes on from
   * where it stopped.
   */
  void finish(Version to) throws Exception {
    Stack stack = run.stack(to);
    String web = stack.appliance().web().service();
    StackContainers next = run.containers(to);
    String name = ContainerSpec.containerName(stack, web);
    String candidate = ContainerSpec.candidateName(stack, web);
    Optional<ContainerState> old = engine.inspect(name);
    boolean candidateThere = engine.inspect(candidate).isPresent();
    if (candidateThere && old.isPresent()) {
      if (old.get().running()) {
        run.log.accept("update: the old " + web + " keeps running " + DRAIN.toSeconds() + " s for requests in flight");
        run.installation.sleeper().sleep(DRAIN);
      }
      next.stop(List.of(stack.services().get(web)), Installation.STOP_TIMEOUT);
      engine.remove(name, stack.name(), "replaced by the update to " + run.journal().to().label());
    }
    if (candidateThere) {
      // The candidate's own name is about to go: the front reaches it by its address while it is renamed. A
      // stopped one (the machine restarted) serves nothing meanwhile, and has no address.
      Optional<String> address = engine.address(candidate, next.network().name());
      if (address.isPresent()) {
        run.pointFront(to, address.get());
      }
      engine.rename(candidate, name, stack.name());
    }
    run.pointFront(to, null);
    // The reconciler replaces what differs (the workers), leaves what runs alone, and after a restart of the
    // machine starts what is stopped.
    List<Stack.Service> services = StartOrder.of(stack).stream().filter(s -> !StartOrder.isProxy(stack, s)).toList();
    next.start(services);
    next.awaitHealthy(services);
  }

  /** Back to {@code from} before the switch ended: the candidate removed, the site on the old container's alias. */
  void back(Version from, Version to, String why) throws Exception {
    Stack stack = run.stack(to);
    String web = stack.appliance().web().service();
    run.pointFront(from, null);
    removeCandidate(stack, web);
    run.rolledBack(why);
  }

  private void start(StackContainers next, String web) throws ServiceFailedException, InterruptedException {
    ContainerSpec candidate = next.spec(web).candidate();
    if (engine.inspect(candidate.name()).isPresent()) {
      engine.remove(candidate.name(), next.stack().name(), "left by an update that did not end");
    }
    next.network().ensure();
    engine.create(candidate, next.network().name());
    engine.start(candidate.name());
    run.log.accept("update: " + candidate.name() + " started beside the serving " + web + "; health gate");
    run.gate(next, web, candidate.name());
  }

  private void removeCandidate(Stack stack, String web) {
    engine.remove(ContainerSpec.candidateName(stack, web), stack.name(), "the update did not switch to it");
  }

  private String lastLines(String container) {
    try {
      return engine.inspect(container).isPresent() ? "; its last lines:\n" + engine.logs(container, 20) : "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
