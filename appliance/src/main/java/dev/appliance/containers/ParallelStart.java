package dev.appliance.containers;

import dev.appliance.stack.Stack.Condition;
import dev.appliance.stack.Stack.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts services each once its dependencies reached the condition it asks for; services that do not wait for each
 * other start at the same time, as Compose does, and every container is created while its dependencies start.
 */
public final class ParallelStart {

  /** What starting needs: create, await a dependency, run. */
  public interface Actions {
    void create(String service);

    void await(String service, Condition condition) throws ServiceFailedException, InterruptedException;

    void run(String service);
  }

  private final Actions actions;

  public ParallelStart(Actions actions) {
    this.actions = actions;
  }

  /**
   * Starts {@code services}, given in start order.
   *
   * @throws ServiceFailedException if a dependency exits, turns unhealthy or is not ready in time
   */
  public void start(List<Service> services) throws ServiceFailedException, InterruptedException {
    Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, services.size()));
    try {
      for (Service service : services) {
        CompletableFuture<Void> created = CompletableFuture.runAsync(() -> actions.create(service.name()), threads);
        List<CompletableFuture<Void>> before = new ArrayList<>(service.dependsOn().keySet().stream()
            .filter(started::containsKey).map(started::get).toList());
        before.add(created);
        started.put(service.name(), CompletableFuture.allOf(before.toArray(CompletableFuture[]::new))
            .thenRunAsync(() -> afterDependencies(service), threads));
      }
      CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
      if (cause instanceof ServiceFailedException failed) {
        throw failed;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    } finally {
      threads.shutdownNow();
    }
  }

  private void afterDependencies(Service service) {
    try {
      for (Map.Entry<String, Condition> dependency : service.dependsOn().entrySet()) {
        actions.await(dependency.getKey(), dependency.getValue());
      }
    } catch (ServiceFailedException e) {
      throw new CompletionException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException(e);
    }
    actions.run(service.name());
  }
}
