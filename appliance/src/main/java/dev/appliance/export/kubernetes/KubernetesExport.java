package dev.appliance.export.kubernetes;

import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code appliance export --kubernetes DIR}: plain manifests, a kustomization.yaml that lists them and sets the
 * namespace, the Secrets under {@code secrets/} (mode 0600), and EXPORT-NOTES.md.
 */
public final class KubernetesExport implements Exporter {

  static final String KUSTOMIZATION = "kustomization.yaml";

  private final Quantity databaseSize;
  private final Quantity claimSize;

  /** Claims of {@code databaseSize} for the database and its dumps, and of {@code vaultSize} for other /data. */
  public KubernetesExport(String databaseSize, String vaultSize) {
    this.databaseSize = Sizes.storage("--database-size", databaseSize);
    this.claimSize = Sizes.storage("--vault-size", vaultSize);
  }

  @Override
  public String target() {
    return "Kubernetes";
  }

  @Override
  public void refuse(ExportSource source) {
    KubernetesRefusals.check(source, Set.of(Manifests.NAMESPACE_FILE, Manifests.CLAIMS_FILE, Manifests.DUMP_FILE,
        "migrate-" + source.version() + ".yaml", KUSTOMIZATION));
  }

  @Override
  public Map<String, ExportFile> files(ExportSource source) {
    Manifests manifests = new Manifests(source, new Manifests.Settings(databaseSize, claimSize,
        CronSchedule.of(source.env().appliance().backup().schedule()).orElse(CronSchedule.FALLBACK)));
    Map<String, List<HasMetadata>> objects = manifests.files();
    Map<String, ExportFile> files = new LinkedHashMap<>();
    files.put(KUSTOMIZATION, ExportFile.plain(ManifestYaml.of(List.of(kustomization(manifests, objects)))));
    objects.forEach((name, list) -> files.put(name, name.startsWith("secrets/")
        ? ExportFile.secret(ManifestYaml.of(list)) : ExportFile.plain(ManifestYaml.of(list))));
    files.put(ExportDirectory.NOTES, ExportFile.plain(new ExportNotes(source, manifests, objects).render()));
    return files;
  }

  // Plain kustomize, as old as kubectl 1.20's: the resources in order, and the namespace.
  private static Map<String, Object> kustomization(Manifests manifests, Map<String, List<HasMetadata>> objects) {
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    kustomization.put("namespace", manifests.metadata().namespace());
    kustomization.put("resources", List.copyOf(objects.keySet()));
    return kustomization;
  }
}
