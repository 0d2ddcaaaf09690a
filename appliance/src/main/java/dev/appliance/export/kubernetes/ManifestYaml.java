package dev.appliance.export.kubernetes;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.stream.Collectors;

/** Objects as the YAML kubectl reads: fabric8's serialisation, one document each. */
final class ManifestYaml {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ManifestYaml() {}

  /** {@code objects} as YAML documents, each starting with {@code ---}. */
  static String of(List<?> objects) {
    return objects.stream().map(SERIALIZATION::asYaml).collect(Collectors.joining());
  }
}
