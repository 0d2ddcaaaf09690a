package dev.appliance.export.kubernetes;

import dev.appliance.export.ExportSource;
import dev.appliance.export.kubernetes.DataClaims.Kind;
import dev.appliance.stack.Stack.Migrate;
import dev.appliance.stack.Stack.Service;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;

/** The controllers that run the stack's services, its migration and the database dump. */
final class Workloads {

  /** The claim the dumps go to, and where the dump's pod mounts it (where the appliance keeps them). */
  static final String DUMPS = "database-dumps";
  static final String DUMPS_PATH = "/data/pgdump";
  /** The role the appliance's PostgreSQL image creates with DATABASE_PASSWORD (containers/postgres/entrypoint.sh). */
  static final String DATABASE_ROLE = "app";
  /** The CronJob of the dump. */
  static final String DUMP_JOB = "pg-dump";

  private final ExportSource source;
  private final Metadata metadata;
  private final PodTemplates pods;
  private final ServicePorts ports;
  private final DataClaims claims;

  Workloads(ExportSource source, Metadata metadata, PodTemplates pods, ServicePorts ports, DataClaims claims) {
    this.source = source;
    this.metadata = metadata;
    this.pods = pods;
    this.ports = ports;
    this.claims = claims;
  }

  /**
   * A Deployment of one pod. Pods that hold a directory of their own (an emptyDir under /volatile, a ReadWriteOnce
   * claim) are replaced (Recreate), others started before the old one stops, like the appliance's updates.
   */
  Deployment deployment(Service service) {
    DeploymentBuilder deployment = new DeploymentBuilder().withMetadata(metadata.of(service.name()))
        .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(metadata.selector(service.name())).endSelector()
        .withTemplate(template(service)).endSpec();
    if (holdsOwnDirectory(service)) {
      deployment.editSpec().withNewStrategy().withType("Recreate").endStrategy().endSpec();
    } else {
      deployment.editSpec().withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
          .withMaxSurge(new IntOrString(1)).withMaxUnavailable(new IntOrString(0)).endRollingUpdate().endStrategy()
          .endSpec();
    }
    return deployment.build();
  }

  /** Whether {@code service}'s pods cannot run beside their successor. */
  boolean holdsOwnDirectory(Service service) {
    return ExportSource.dataMounts(service).stream().map(claims::of)
        .anyMatch(c -> c.kind() == Kind.VOLATILE || c.kind() == Kind.SINGLE);
  }

  /** The database's StatefulSet, each of its /data directories a claim of --database-size from its template. */
  StatefulSet statefulSet(Service service, Quantity size) {
    return new StatefulSetBuilder().withMetadata(metadata.of(service.name())).withNewSpec()
        .withServiceName(service.name()).withReplicas(1)
        .withNewSelector().withMatchLabels(metadata.selector(service.name())).endSelector()
        .withTemplate(template(service))
        .withVolumeClaimTemplates(ExportSource.dataMounts(service).stream().map(claims::of)
            .filter(c -> c.kind() == Kind.DATABASE).map(c -> claim(new ObjectMeta(), c.name(), "ReadWriteOnce", size))
            .toList())
        .endSpec().build();
  }

  /** The Job named after the version: Jobs are immutable, so the next version's is another. */
  Job migration(Migrate migrate) {
    Service service = source.service(migrate.service());
    String name = migrationName();
    return new JobBuilder().withMetadata(metadata.of(name)).withNewSpec()
        // A failed migration is for the operator to read, not to retry on a half-migrated schema.
        .withBackoffLimit(0)
        .withNewTemplate().withMetadata(metadata.pod(name)).withSpec(pods.oneOff(service, migrate.command()))
        .endTemplate().endSpec().build();
  }

  /** {@code migrate-VERSION}. */
  String migrationName() {
    return "migrate-" + source.version();
  }

  /** The nightly {@code pg_dump -Fc} of the database into {@link #DUMPS}, keeping the newest {@code kept}. */
  CronJob databaseDump(Service database, String schedule, int kept) {
    String script = String.join("\n", "set -eu",
        "file=" + DUMPS_PATH + "/\"$PGDATABASE\"-$(date -u +%Y%m%dT%H%M%SZ).dump",
        "pg_dump -Fc --file=\"$file.part\"",
        "mv \"$file.part\" \"$file\"",
        "ls -1t " + DUMPS_PATH + "/*.dump | tail -n +" + (kept + 1) + " | xargs -r rm -f --", "");
    List<Integer> open = ports.of(database.name());
    var container = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(DUMP_JOB)
        .withImage(database.image().orElseThrow()).withImagePullPolicy("IfNotPresent")
        .withCommand("/bin/sh", "-c", script)
        .withEnv(new EnvVarBuilder().withName("PGHOST").withValue(database.name()).build(),
            new EnvVarBuilder().withName("PGPORT").withValue(String.valueOf(open.get(0))).build(),
            new EnvVarBuilder().withName("PGUSER").withValue(DATABASE_ROLE).build(),
            new EnvVarBuilder().withName("PGDATABASE").withValue(source.env().app().databaseName()).build(),
            new EnvVarBuilder().withName("PGPASSWORD").withNewValueFrom().withNewSecretKeyRef()
                .withName(PodTemplates.SECRET).withKey(Manifests.DATABASE_PASSWORD).endSecretKeyRef().endValueFrom()
                .build())
        .addNewVolumeMount().withName(DUMPS).withMountPath(DUMPS_PATH).endVolumeMount().build();
    return new CronJobBuilder().withMetadata(metadata.of(DUMP_JOB)).withNewSpec().withSchedule(schedule)
        .withConcurrencyPolicy("Forbid").withNewJobTemplate().withNewSpec().withBackoffLimit(2).withNewTemplate()
        .withMetadata(metadata.pod(DUMP_JOB)).withNewSpec().withRestartPolicy("Never").withContainers(container)
        .addNewVolume().withName(DUMPS).withNewPersistentVolumeClaim().withClaimName(DUMPS).endPersistentVolumeClaim()
        .endVolume().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
  }

  /** A claim of {@code size} with {@code meta}'s labels. */
  static PersistentVolumeClaim claim(ObjectMeta meta, String name, String accessMode, Quantity size) {
    return new PersistentVolumeClaimBuilder().withMetadata(meta).editMetadata().withName(name).endMetadata()
        .withNewSpec().withAccessModes(accessMode).withNewResources().withRequests(Map.of("storage", size))
        .endResources().endSpec().build();
  }

  private PodTemplateSpec template(Service service) {
    return new PodTemplateSpecBuilder().withMetadata(metadata.pod(service.name())).withSpec(pods.serving(service)).build();
  }
}
