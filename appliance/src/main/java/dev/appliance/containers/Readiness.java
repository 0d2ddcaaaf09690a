package dev.appliance.containers;

import dev.appliance.engine.ContainerState;
import dev.appliance.engine.Engine;
import dev.appliance.stack.Stack.Condition;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * What "ready" means for one container, checked once at a time: healthy by its healthcheck, started, exited with
 * 0, or answering 200 over HTTPS. {@link Await} polls a readiness until it holds, fails, or its time is up.
 */
public interface Readiness {

  /** One look: whether it holds, and what was seen (for the message when time runs out). */
  record Check(boolean ready, String seen) {}

  /** What is awaited, for messages: "healthy", "exit code 0" ... */
  String awaited();

  /** How long to wait at most. */
  Duration timeout();

  /** Looks once; throws if the container can no longer become ready. */
  Check check(Engine engine, String container) throws ServiceFailedException, InterruptedException;

  /** The readiness {@code condition} of Compose's {@code depends_on} asks for. */
  static Readiness of(Condition condition, Duration timeout) {
    return switch (condition) {
      case SERVICE_STARTED -> started();
      case SERVICE_HEALTHY -> forHealthcheck(timeout);
      case SERVICE_COMPLETED_SUCCESSFULLY -> forCompletion(timeout);
    };
  }

  /** A look at one container, for {@link #of(String, Duration, Look)}. */
  @FunctionalInterface
  interface Look {
    Check at(Engine engine, String container) throws ServiceFailedException, InterruptedException;
  }

  /** A readiness from what it awaits, how long, and one look. */
  static Readiness of(String awaited, Duration timeout, Look look) {
    record Simple(String awaited, Duration timeout, Look look) implements Readiness {
      @Override
      public Check check(Engine engine, String container) throws ServiceFailedException, InterruptedException {
        return look.at(engine, container);
      }
    }
    return new Simple(awaited, timeout, look);
  }

  /** Running; no wait. */
  static Readiness started() {
    return of("running", Duration.ZERO, (engine, container) -> {
      running(engine, container);
      return new Check(true, "running");
    });
  }

  /**
   * Healthy by the container's healthcheck (a container without one is ready once it runs). The test is also run
   * at once by exec: Docker runs it first one interval after the start, so a ready service shows seconds earlier.
   */
  static Readiness forHealthcheck(Duration timeout) {
    return of("healthy", timeout, (engine, container) -> {
      ContainerState state = running(engine, container);
      if (state.health().equals("healthy") || state.health().equals("none") || passesNow(engine, state)) {
        return new Check(true, state.health());
      }
      if (state.health().equals("unhealthy")) {
        throw new ServiceFailedException(container + " is unhealthy: " + state.lastProbe());
      }
      return new Check(false, state.lastProbe());
    });
  }

  /** Exited with code 0, as a one-off job does. */
  static Readiness forCompletion(Duration timeout) {
    return of("exit code 0", timeout, (engine, container) -> {
      ContainerState state = present(engine, container);
      if (state.running() || !state.finished()) {
        return new Check(false, state.running() ? "still running" : "not started yet");
      }
      if (state.exitCode() == 0) {
        return new Check(true, "exit code 0");
      }
      throw new ServiceFailedException(container + " exited with code " + state.exitCode() + "; its last lines:\n"
          + engine.logs(container, 20));
    });
  }

  /** Status 200 from {@code probe}, the application through the front proxy as a visitor asks it. */
  static Readiness forHttp(HttpsProbe probe, Duration timeout) {
    return of("status 200 from " + probe.url(), timeout, (engine, container) -> {
      int status = probe.status();
      return new Check(status == 200, status < 0 ? "no answer" : "status " + status);
    });
  }

  private static ContainerState present(Engine engine, String container) throws ServiceFailedException {
    return engine.inspect(container).orElseThrow(() -> new ServiceFailedException(
        container + " has no container; it was removed while starting"));
  }

  private static ContainerState running(Engine engine, String container)
      throws ServiceFailedException, InterruptedException {
    ContainerState state = present(engine, container);
    if (!state.running()) {
      throw new ServiceFailedException(container + " stopped (exit code " + state.exitCode()
          + ") while starting; its last lines:\n" + engine.logs(container, 20));
    }
    return state;
  }

  private static boolean passesNow(Engine engine, ContainerState state) throws InterruptedException {
    List<String> test = state.healthTest();
    if (test.size() < 2 || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"))) {
      return false;
    }
    List<String> command = test.get(0).equals("CMD") ? test.subList(1, test.size()) : List.of("sh", "-c", test.get(1));
    try {
      return engine.exec(state.name(), null, command, OutputStream.nullOutputStream(), new StringBuilder()) == 0;
    } catch (RuntimeException e) {
      return false; // not running any more, or not yet: the state decides
    }
  }
}
