package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference stack's export with the fixture env, file by file, against the golden files in
 * src/test/resources/export/kubernetes (secrets/ left out). After a deliberate change, regenerate them with
 * {@code mvn -o -q test -pl env-tools,appliance -am -Dtest=KubernetesGoldenTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dexport.golden=update} and read the diff.
 */
class KubernetesGoldenTest {

  static final Path GOLDEN = Path.of("src/test/resources/export/kubernetes").toAbsolutePath();

  @TempDir
  Path dir;

  @Test
  void theReferenceStackExportsAsTheGoldenFilesSay() throws Exception {
    Map<String, String> exported = new TreeMap<>(ExportedManifests.texts(ExportedManifests.write(dir.resolve("out"))));
    exported.keySet().removeIf(name -> name.startsWith("secrets/"));
    if ("update".equals(System.getProperty("export.golden"))) {
      if (Files.isDirectory(GOLDEN)) {
        for (String old : ExportedManifests.texts(GOLDEN).keySet()) {
          Files.delete(GOLDEN.resolve(old));
        }
      }
      for (Map.Entry<String, String> file : exported.entrySet()) {
        Files.createDirectories(GOLDEN.resolve(file.getKey()).getParent());
        Files.writeString(GOLDEN.resolve(file.getKey()), file.getValue());
      }
    }
    Map<String, String> golden = ExportedManifests.texts(GOLDEN);
    assertEquals(golden.keySet(), exported.keySet(), "the files of the export");
    golden.forEach((name, text) -> assertEquals(text, exported.get(name), name + " differs from its golden file; if"
        + " the change is meant, regenerate with -Dexport.golden=update (see this test's comment)"));
  }
}
