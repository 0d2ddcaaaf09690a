package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportSource;
import dev.appliance.support.TestEnvs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What must hold of any export, checked on the reference stack's, parsed back with fabric8's model. */
class KubernetesInvariantsTest {

  @TempDir
  static Path dir;

  static ExportSource source;
  static Map<String, String> texts;
  static Map<String, List<HasMetadata>> parsed;

  @BeforeAll
  static void export() throws Exception {
    source = ExportedManifests.source(TestEnvs.STACK);
    Path out = ExportedManifests.write(dir.resolve("out"), source);
    texts = ExportedManifests.texts(out);
    parsed = ExportedManifests.parse(out);
  }

  @Test
  void everyServingControllerHasAReadinessProbeAndALenientLivenessOne() {
    List<Deployment> deployments = ExportedManifests.all(parsed, Deployment.class);
    assertEquals(List.of("redis", "web", "worker"), deployments.stream().map(d -> d.getMetadata().getName()).sorted()
        .toList());
    for (Deployment deployment : deployments) {
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      String name = deployment.getMetadata().getName();
      if (source.service(name).healthcheck().isEmpty() && ExportedManifests.all(parsed,
          io.fabric8.kubernetes.api.model.Service.class).stream().noneMatch(s -> s.getMetadata().getName().equals(name))) {
        // Nothing tells the worker's readiness: the notes say so instead of a probe that always passes.
        assertNull(container.getReadinessProbe(), name);
        assertTrue(texts.get("EXPORT-NOTES.md").contains("- " + name + ": ready when started (the stack gives it"
            + " neither a healthcheck nor a port"), name);
        continue;
      }
      assertNotNull(container.getReadinessProbe(), name + " has a readiness probe");
      assertNotNull(container.getLivenessProbe(), name + " has a liveness probe");
      assertNotNull(container.getLivenessProbe().getTcpSocket(), name + ": liveness asks no dependency");
      assertTrue(container.getLivenessProbe().getFailureThreshold() * container.getLivenessProbe().getPeriodSeconds()
          >= 60, name + ": liveness waits a minute at least before a restart");
    }
    Container web = deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("/healthz", web.getReadinessProbe().getHttpGet().getPath());
    assertEquals(8080, web.getReadinessProbe().getHttpGet().getPort().getIntVal());
    StatefulSet postgres = ExportedManifests.all(parsed, StatefulSet.class).get(0);
    assertNotNull(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe());
  }

  @Test
  void noHostPathAnywhere() {
    for (PodSpec pod : pods()) {
      pod.getVolumes().forEach(v -> assertNull(v.getHostPath(), v.getName()));
    }
    texts.forEach((name, text) -> assertFalse(name.endsWith(".yaml") && text.contains("hostPath"), name));
  }

  @Test
  void secretsAreOnlyInTheSecretFilesOfMode0600() throws Exception {
    EnvConfig env = EnvLoader.load(ExportedManifests.ENV);
    List<String> values = new ArrayList<>(source.secrets().values());
    values.add(env.app().databasePassword().reveal());
    env.app().secrets().values().forEach(s -> values.add(s.reveal()));
    values.add(env.appliance().backup().secret().reveal());
    texts.forEach((name, text) -> values.forEach(value -> {
      if (!name.startsWith("secrets/")) {
        assertFalse(text.contains(value), name + " holds a secret value");
      }
    }));
    for (ConfigMap configMap : ExportedManifests.all(parsed, ConfigMap.class)) {
      configMap.getData().values().forEach(v -> assertFalse(values.contains(v), configMap.getMetadata().getName()));
    }
    Secret secret = ExportedManifests.all(parsed, Secret.class).get(0);
    assertEquals(source.secrets().get("SECRET_KEY"), secret.getStringData().get("SECRET_KEY"));
    assertEquals(env.app().databasePassword().reveal(), secret.getStringData().get("DATABASE_PASSWORD"));
    try (Stream<Path> files = Files.list(dir.resolve("out/secrets"))) {
      for (Path file : files.toList()) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
      }
    }
    Container web = deployment("web").getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("SECRET_KEY", web.getEnv().stream().filter(e -> e.getName().equals("SECRET_KEY")).findFirst()
        .orElseThrow().getValueFrom().getSecretKeyRef().getKey(), "the application keeps its variable's name");
  }

  @Test
  void everyClaimHasItsSize() {
    List<PersistentVolumeClaim> claims = new ArrayList<>(ExportedManifests.all(parsed, PersistentVolumeClaim.class));
    StatefulSet postgres = ExportedManifests.all(parsed, StatefulSet.class).get(0);
    claims.addAll(postgres.getSpec().getVolumeClaimTemplates());
    assertEquals(3, claims.size(), claims::toString);
    for (PersistentVolumeClaim claim : claims) {
      Quantity size = claim.getSpec().getResources().getRequests().get("storage");
      assertNotNull(size, claim.getMetadata().getName());
    }
    PersistentVolumeClaim vault = claims.stream().filter(c -> c.getMetadata().getName().equals("vault")).findFirst()
        .orElseThrow();
    assertEquals(List.of("ReadWriteMany"), vault.getSpec().getAccessModes(), "web and worker share /data/vault");
    assertEquals(new Quantity(ExportedManifests.VAULT_SIZE), vault.getSpec().getResources().getRequests().get("storage"));
    assertEquals(new Quantity(ExportedManifests.DATABASE_SIZE), postgres.getSpec().getVolumeClaimTemplates().get(0)
        .getSpec().getResources().getRequests().get("storage"));
  }

  @Test
  void theMigrationIsAJobNamedAfterTheVersionAndTheDumpACronJob() {
    List<Job> jobs = ExportedManifests.all(parsed, Job.class);
    assertEquals(List.of("migrate-" + source.version()), jobs.stream().map(j -> j.getMetadata().getName()).toList());
    assertEquals(List.of("migrate"), jobs.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
    CronJob dump = ExportedManifests.all(parsed, CronJob.class).get(0);
    assertEquals("30 22 * * *", dump.getSpec().getSchedule(), "from appliance/backup/schedule *-*-* 22:30:00");
    String script = String.join(" ", dump.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers()
        .get(0).getCommand());
    assertTrue(script.contains("pg_dump -Fc"), script);
  }

  @Test
  void theStacksUserMemoryAndReadOnlyRootBecomeTheSecurityContextAndLimits() {
    for (PodSpec pod : pods()) {
      String name = pod.getContainers().get(0).getName();
      String service = name.equals("pg-dump") ? source.stack().appliance().database().orElseThrow() : name;
      source.service(service).user().ifPresent(user -> assertEquals(user, pod.getSecurityContext().getRunAsUser() + ":"
          + pod.getSecurityContext().getRunAsGroup(), name));
    }
    PodSpec web = deployment("web").getSpec().getTemplate().getSpec();
    assertEquals(new Quantity("512Mi"), web.getContainers().get(0).getResources().getLimits().get("memory"));
    assertEquals(1000L, web.getSecurityContext().getFsGroup(), "the vault claim is writable by the app's group");
    Ingress ingress = ExportedManifests.all(parsed, Ingress.class).get(0);
    assertEquals(List.of("app.example.org"), ingress.getSpec().getTls().get(0).getHosts());
    assertEquals("web", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService()
        .getName());
  }

  @Test
  void theKustomizationListsEveryManifestAndSetsTheNamespace() {
    @SuppressWarnings("unchecked")
    Map<String, Object> kustomization = new KubernetesSerialization().unmarshal(texts.get(KubernetesExport
        .KUSTOMIZATION), Map.class);
    assertEquals("reference", kustomization.get("namespace"));
    assertEquals(parsed.keySet().stream().sorted().toList(), ((List<?>) kustomization.get("resources")).stream()
        .map(String::valueOf).sorted().toList());
    parsed.values().stream().flatMap(List::stream).filter(o -> !o.getKind().equals("Namespace"))
        .forEach(o -> assertEquals("reference", o.getMetadata().getNamespace(), o.getMetadata().getName()));
  }

  private Deployment deployment(String name) {
    return ExportedManifests.all(parsed, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name))
        .findFirst().orElseThrow();
  }

  private List<PodSpec> pods() {
    List<PodSpec> pods = new ArrayList<>();
    ExportedManifests.all(parsed, Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
    ExportedManifests.all(parsed, StatefulSet.class).forEach(s -> pods.add(s.getSpec().getTemplate().getSpec()));
    ExportedManifests.all(parsed, Job.class).forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
    ExportedManifests.all(parsed, CronJob.class).forEach(c -> pods.add(c.getSpec().getJobTemplate().getSpec()
        .getTemplate().getSpec()));
    return pods;
  }
}
