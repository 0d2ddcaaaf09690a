package dev.appliance.export.kubernetes;

import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportSource;
import dev.appliance.export.kubernetes.DataClaims.Claim;
import dev.appliance.export.kubernetes.DataClaims.Kind;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pod of a service as its stack entry says: image, command, environment (settings from its ConfigMap, secrets
 * from the Secret by the same names), memory and CPU limits, numeric user, read-only root with emptyDirs for its
 * tmpfs paths, and its directories as claims or emptyDirs.
 */
final class PodTemplates {

  /** The Secret that holds the env's secrets, by their names. */
  static final String SECRET = "env-secrets";

  private final ExportSource source;
  private final ServicePorts ports;
  private final DataClaims claims;

  PodTemplates(ExportSource source, ServicePorts ports, DataClaims claims) {
    this.source = source;
    this.ports = ports;
    this.claims = claims;
  }

  /** The ConfigMap of {@code service}'s settings. */
  static String configMap(Service service) {
    return service.name() + "-env";
  }

  /** The settings of {@code service}'s environment, in file order. */
  Map<String, String> settings(Service service) {
    Map<String, String> settings = new LinkedHashMap<>();
    source.environments().get(service.name()).forEach((key, value) -> {
      if (value instanceof EnvValue.Plain plain) {
        settings.put(key, plain.value());
      }
    });
    return settings;
  }

  /** The pod of {@code service} as a Deployment or StatefulSet runs it: with its probes and Service ports. */
  PodSpec serving(Service service) {
    List<Integer> open = ports.of(service.name());
    ContainerBuilder container = new ContainerBuilder(container(service, service.command()));
    open.forEach(port -> container.addNewPort().withName(portName(service, port)).withContainerPort(port).endPort());
    Probes.readiness(source.stack(), service, open).ifPresent(container::withReadinessProbe);
    Probes.liveness(open).ifPresent(container::withLivenessProbe);
    return pod(service, container.build()).build();
  }

  /** The pod of a one-off run of {@code service} with {@code command}, restarted by its Job only. */
  PodSpec oneOff(Service service, List<String> command) {
    return pod(service, container(service, Optional.of(command))).withRestartPolicy("Never").build();
  }

  /** The name of {@code service}'s {@code port}: {@code http} for the web service's, else {@code tcp-PORT}. */
  String portName(Service service, int port) {
    return service.name().equals(source.stack().appliance().web().service())
        && port == source.stack().appliance().web().port() ? "http" : "tcp-" + port;
  }

  private PodSpecBuilder pod(Service service, Container container) {
    PodSpecBuilder pod = new PodSpecBuilder().withContainers(container).withVolumes(volumes(service));
    UserIds.parse(service).ifPresent(ids -> pod.withNewSecurityContext().withRunAsUser(ids.uid())
        .withRunAsGroup(ids.gid()).withRunAsNonRoot(ids.uid() != 0)
        // The claims' files belong to the group, so that the user can write them, as on the data node.
        .withFsGroup(ExportSource.dataMounts(service).isEmpty() ? null : ids.gid()).endSecurityContext());
    return pod;
  }

  private Container container(Service service, Optional<List<String>> command) {
    ContainerBuilder container = new ContainerBuilder().withName(service.name()).withImage(service.image().orElseThrow())
        .withImagePullPolicy("IfNotPresent").withEnv(secretVariables(service)).withVolumeMounts(mounts(service));
    service.entrypoint().ifPresent(container::withCommand);
    command.ifPresent(container::withArgs);
    if (!settings(service).isEmpty()) {
      container.addNewEnvFrom().withNewConfigMapRef().withName(configMap(service)).endConfigMapRef().endEnvFrom();
    }
    Map<String, Quantity> limits = new LinkedHashMap<>();
    service.memLimitBytes().ifPresent(bytes -> limits.put("memory", Sizes.bytes(bytes)));
    service.cpus().ifPresent(cpus -> limits.put("cpu", new Quantity(Math.round(cpus * 1000) + "m")));
    if (!limits.isEmpty()) {
      container.withNewResources().withLimits(limits).endResources();
    }
    if (service.readOnly()) {
      container.withNewSecurityContext().withReadOnlyRootFilesystem(true).endSecurityContext();
    }
    return container.build();
  }

  private List<EnvVar> secretVariables(Service service) {
    List<EnvVar> variables = new ArrayList<>();
    source.environments().get(service.name()).forEach((key, value) -> {
      if (value instanceof EnvValue.Secret secret) {
        variables.add(new EnvVarBuilder().withName(key).withNewValueFrom().withNewSecretKeyRef().withName(SECRET)
            .withKey(secret.name()).endSecretKeyRef().endValueFrom().build());
      }
    });
    return variables;
  }

  private List<VolumeMount> mounts(Service service) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (BindMount mount : ExportSource.dataMounts(service)) {
      Claim claim = claims.of(mount);
      VolumeMountBuilder volumeMount = new VolumeMountBuilder().withName(claim.name()).withMountPath(mount.container())
          .withReadOnly(mount.readOnly() ? true : null);
      if (claim.kind() == Kind.DATABASE) {
        // A file system's lost+found in the data directory would stop initdb: a subdirectory of the claim instead.
        volumeMount.withSubPath(claim.name());
      }
      mounts.add(volumeMount.build());
    }
    for (String path : service.tmpfs()) {
      mounts.add(new VolumeMountBuilder().withName(tmpfsName(path)).withMountPath(path).build());
    }
    return mounts;
  }

  private List<Volume> volumes(Service service) {
    List<Volume> volumes = new ArrayList<>();
    for (BindMount mount : ExportSource.dataMounts(service)) {
      Claim claim = claims.of(mount);
      switch (claim.kind()) {
        case DATABASE -> { } // the StatefulSet's volumeClaimTemplates
        case VOLATILE -> volumes.add(new VolumeBuilder().withName(claim.name()).withNewEmptyDir().endEmptyDir().build());
        default -> volumes.add(new VolumeBuilder().withName(claim.name()).withNewPersistentVolumeClaim()
            .withClaimName(claim.name()).endPersistentVolumeClaim().build());
      }
    }
    for (String path : service.tmpfs()) {
      volumes.add(new VolumeBuilder().withName(tmpfsName(path)).withNewEmptyDir().withMedium("Memory").endEmptyDir()
          .build());
    }
    return volumes;
  }

  private static String tmpfsName(String path) {
    return "tmpfs" + path.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
  }
}
