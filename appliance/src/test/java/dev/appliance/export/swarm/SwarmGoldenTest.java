package dev.appliance.export.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter.ExportFile;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Swarm export of the reference stack with the fixture env, against the files in
 * src/test/resources/export/swarm. After an intended change, regenerate them and review the diff:
 * {@code mvn -o -q test -pl env-tools,appliance -am -Dtest='*GoldenTest' -Dsurefire.failIfNoSpecifiedTests=false -Dexport.golden=update}.
 */
class SwarmGoldenTest {

  static final Path ENV = Path.of("src/test/resources/export/env.yml").toAbsolutePath();
  static final Path GOLDEN = Path.of("src/test/resources/export/swarm");
  static final List<String> FILES = List.of("stack.yml", "deploy.sh", "EXPORT-NOTES.md");

  static Map<String, ExportFile> export(Path stack, Path nodeRoot, int httpPort, int httpsPort) throws Exception {
    SwarmExport export = new SwarmExport(nodeRoot);
    ExportSource source = ExportSource.read(stack, EnvLoader.load(ENV), httpPort, httpsPort);
    export.refuse(source);
    source.refusals().throwIfAny(export.target());
    return export.files(source);
  }

  @Test
  void theReferenceStackExportsAsTheGoldenFilesSay() throws Exception {
    Map<String, ExportFile> files = export(TestEnvs.STACK, Path.of("/"), 80, 443);
    boolean update = "update".equals(System.getProperty("export.golden"));
    for (String name : FILES) {
      Path golden = GOLDEN.resolve(name);
      if (update) {
        Files.createDirectories(GOLDEN);
        Files.writeString(golden, files.get(name).text());
      }
      assertEquals(Files.readString(golden), files.get(name).text(), name + " differs from " + golden
          + "; if the change is intended, regenerate with -Dexport.golden=update (see this class) and review the diff");
    }
  }
}
