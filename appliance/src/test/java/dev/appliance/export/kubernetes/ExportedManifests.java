package dev.appliance.export.kubernetes;

import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.support.TestEnvs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The reference stack exported with the fixture env, written to a directory and read back with fabric8's model. */
final class ExportedManifests {

  static final Path ENV = Path.of("src/test/resources/export/env.yml").toAbsolutePath();
  static final String DATABASE_SIZE = "20Gi";
  static final String VAULT_SIZE = "5Gi";

  private ExportedManifests() {}

  static ExportSource source(Path stack) throws Exception {
    return ExportSource.read(stack, EnvLoader.load(ENV), 80, 443);
  }

  /** The reference stack's export in {@code dir}. */
  static Path write(Path dir) throws Exception {
    return write(dir, source(TestEnvs.STACK));
  }

  static Path write(Path dir, ExportSource source) throws IOException {
    KubernetesExport export = new KubernetesExport(DATABASE_SIZE, VAULT_SIZE);
    export.refuse(source);
    source.refusals().throwIfAny(export.target());
    new ExportDirectory(dir).write(export.files(source));
    return dir;
  }

  /** Every file of {@code dir} by its relative path, sorted. */
  static Map<String, String> texts(Path dir) throws IOException {
    Map<String, String> texts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        texts.put(dir.relativize(file).toString(), Files.readString(file));
      }
    }
    return texts;
  }

  /** The objects of every manifest of {@code dir} (all YAML files but the kustomization), parsed by fabric8. */
  static Map<String, List<HasMetadata>> parse(Path dir) throws IOException {
    KubernetesSerialization serialization = new KubernetesSerialization();
    Map<String, List<HasMetadata>> objects = new TreeMap<>();
    for (Map.Entry<String, String> file : texts(dir).entrySet()) {
      if (file.getKey().endsWith(".yaml") && !file.getKey().equals(KubernetesExport.KUSTOMIZATION)) {
        Object parsed = serialization.unmarshal(file.getValue());
        List<HasMetadata> list = new ArrayList<>();
        for (Object object : parsed instanceof List<?> many ? many : List.of(parsed)) {
          if (!(object instanceof HasMetadata resource) || object.getClass().getSimpleName().startsWith("Generic")) {
            throw new AssertionError(file.getKey() + " holds an object fabric8's model does not know: " + object);
          }
          list.add(resource);
        }
        objects.put(file.getKey(), list);
      }
    }
    return objects;
  }

  /** All objects of {@code parsed} of {@code type}. */
  static <T extends KubernetesResource> List<T> all(Map<String, List<HasMetadata>> parsed, Class<T> type) {
    return parsed.values().stream().flatMap(List::stream).filter(type::isInstance).map(type::cast).toList();
  }
}
