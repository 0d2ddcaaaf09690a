package dev.appliance.export.swarm;

import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Migrate;
import dev.appliance.stack.Stack.Service;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-off migration of x-appliance/migrate as a Swarm job: the migrate service's image, environment, secrets,
 * mounts, user and placement on the stack's network, retried while the database does not answer yet.
 */
final class MigrationJob {

  /** How often the job is retried, {@link #RETRY_DELAY} apart: a first deploy starts the database alongside. */
  static final int ATTEMPTS = 30;
  static final String RETRY_DELAY = "5s";

  private MigrationJob() {}

  /** The arguments of {@code docker service create} for the job named {@code name}. */
  static List<String> create(ExportSource source, SwarmObjects objects, SwarmService mapping, Migrate migrate) {
    Service service = source.service(migrate.service());
    List<String> args = new ArrayList<>(List.of("docker", "service", "create", "--detach", "--quiet",
        "--name", objects.migrationJob(source.version()), "--mode", "replicated-job",
        "--label", "com.docker.stack.namespace=" + objects.stack(),
        "--network", objects.network(), "--no-healthcheck", "--no-resolve-image",
        "--restart-condition", "on-failure", "--restart-delay", RETRY_DELAY,
        "--restart-max-attempts", Integer.toString(ATTEMPTS)));
    source.environments().get(service.name()).forEach((key, value) -> {
      if (value instanceof EnvValue.Secret secret) {
        args.addAll(List.of("--env", key + "_FILE=" + SwarmObjects.SECRETS_DIR + secret.name()));
      } else {
        args.addAll(List.of("--env", key + "=" + ((EnvValue.Plain) value).value()));
      }
    });
    source.environments().get(service.name()).values().stream().filter(EnvValue.Secret.class::isInstance)
        .map(v -> ((EnvValue.Secret) v).name()).distinct()
        .forEach(name -> args.addAll(List.of("--secret", secret(objects.secrets().get(name), name, service))));
    for (BindMount mount : ExportSource.dataMounts(service)) {
      args.addAll(List.of("--mount", "type=bind,source=" + mapping.onNode(mount.host()) + ",target=" + mount.container()
          + (mount.readOnly() ? ",readonly" : "")));
    }
    service.user().ifPresent(user -> args.addAll(List.of("--user", user)));
    if (ExportSource.bindsData(service)) {
      args.addAll(List.of("--constraint", SwarmService.DATA_CONSTRAINT));
    }
    service.entrypoint().ifPresent(entrypoint -> args.addAll(List.of("--entrypoint", String.join(" ", entrypoint))));
    args.add(service.image().orElseThrow());
    args.addAll(migrate.command());
    return args;
  }

  private static String secret(String swarmName, String name, Service service) {
    ServiceOwner owner = ServiceOwner.of(service);
    return "source=" + swarmName + ",target=" + name + owner.uid().map(u -> ",uid=" + u).orElse("")
        + owner.gid().map(g -> ",gid=" + g).orElse("") + ",mode=0" + Integer.toOctalString(SwarmService.SECRET_MODE);
  }
}
