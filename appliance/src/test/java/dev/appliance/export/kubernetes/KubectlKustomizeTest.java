package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl kustomize DIR} builds the export (it needs no cluster) into every object of its manifests, each in
 * the namespace. CI installs Debian's kubernetes-client for it; without kubectl the test says so and is skipped.
 */
class KubectlKustomizeTest {

  @TempDir
  Path dir;

  @Test
  void kubectlBuildsTheExportedDirectory() throws Exception {
    Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(p -> Path.of(p, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(kubectl != null, "kubectl is not on the PATH, so kubectl kustomize was not tried (apt-get install"
        + " kubernetes-client)");
    Path out = ExportedManifests.write(dir.resolve("out"));
    Path built = dir.resolve("built.yaml");
    Process process = new ProcessBuilder(kubectl.toString(), "kustomize", out.toString())
        .redirectOutput(built.toFile()).redirectError(dir.resolve("err").toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize ends within a minute");
    String errors = Files.readString(dir.resolve("err"));
    assertEquals(0, process.exitValue(), () -> "kubectl kustomize failed: " + errors);

    List<String> expected = new ArrayList<>();
    ExportedManifests.parse(out).values().forEach(list -> list.forEach(o -> expected.add(key(o))));
    Object parsed = new KubernetesSerialization().unmarshal(Files.readString(built));
    List<String> got = new ArrayList<>();
    for (Object object : parsed instanceof List<?> many ? many : List.of(parsed)) {
      HasMetadata resource = (HasMetadata) object;
      got.add(key(resource));
      if (!resource.getKind().equals("Namespace")) {
        assertEquals("reference", resource.getMetadata().getNamespace(), key(resource));
      }
    }
    assertEquals(expected.stream().sorted().toList(), got.stream().sorted().toList());
  }

  private static String key(HasMetadata object) {
    return object.getKind() + "/" + object.getMetadata().getName();
  }
}
