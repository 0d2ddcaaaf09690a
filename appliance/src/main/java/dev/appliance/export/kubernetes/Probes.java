package dev.appliance.export.kubernetes;

import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The probes of a service's pods. Readiness stands in for depends_on: the web service is ready when its health path
 * answers (x-appliance/web/health), another when its healthcheck passes or, without one, when its port accepts
 * connections. Liveness only asks whether the port accepts connections, and patiently: a health path that fails
 * while the database is down must not restart every pod.
 */
final class Probes {

  private static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private Probes() {}

  /** How {@code service}'s readiness is told, as people read it in the notes; empty if it cannot be. */
  static Optional<String> readinessSource(Stack stack, Service service, List<Integer> ports) {
    if (service.name().equals(stack.appliance().web().service())) {
      return Optional.of("GET " + stack.appliance().web().healthPath() + " on port " + stack.appliance().web().port()
          + " answers (x-appliance/web/health)");
    }
    if (command(service).isPresent()) {
      return Optional.of("its healthcheck passes");
    }
    return ports.isEmpty() ? Optional.empty() : Optional.of("port " + ports.get(0) + " accepts connections");
  }

  /** The readiness probe of {@code service}, whose Service opens {@code ports}; empty if there is nothing to ask. */
  static Optional<Probe> readiness(Stack stack, Service service, List<Integer> ports) {
    ProbeBuilder probe = new ProbeBuilder()
        .withPeriodSeconds(seconds(service.healthcheck().map(Stack.Healthcheck::interval).orElse(DEFAULT_PERIOD)))
        .withTimeoutSeconds(seconds(service.healthcheck().map(Stack.Healthcheck::timeout).orElse(DEFAULT_TIMEOUT)))
        .withFailureThreshold(3);
    if (service.name().equals(stack.appliance().web().service())) {
      return Optional.of(probe.withNewHttpGet().withPath(stack.appliance().web().healthPath())
          .withPort(new IntOrString(stack.appliance().web().port())).endHttpGet().build());
    }
    Optional<List<String>> command = command(service);
    if (command.isPresent()) {
      return Optional.of(probe.withNewExec().withCommand(command.get()).endExec().build());
    }
    return ports.isEmpty() ? Optional.empty() : Optional.of(tcp(probe, ports.get(0)));
  }

  /** The liveness probe: the first port accepting connections, failing for two minutes before a restart. */
  static Optional<Probe> liveness(List<Integer> ports) {
    return ports.isEmpty() ? Optional.empty() : Optional.of(tcp(new ProbeBuilder().withInitialDelaySeconds(30)
        .withPeriodSeconds(20).withTimeoutSeconds(5).withFailureThreshold(6), ports.get(0)));
  }

  private static Probe tcp(ProbeBuilder probe, int port) {
    return probe.withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket().build();
  }

  // A healthcheck without test inherits the image's, which Kubernetes does not run.
  private static Optional<List<String>> command(Service service) {
    return service.healthcheck().map(Stack.Healthcheck::test).filter(t -> t.size() > 1).map(t -> t.get(0)
        .equals("CMD-SHELL") ? List.of("/bin/sh", "-c", String.join(" ", t.subList(1, t.size()))) : t.subList(1, t.size()));
  }

  private static int seconds(Duration duration) {
    return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
  }
}
