package dev.appliance.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.export.ExportSource;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesRefusalsTest {

  @TempDir
  Path dir;

  @Test
  void theReferenceStackIsExportedWithoutRefusals() throws Exception {
    ExportSource source = ExportedManifests.source(TestEnvs.STACK);
    new KubernetesExport("1Gi", "1Gi").refuse(source);
    assertEquals(List.of(), source.refusals().lines());
  }

  @Test
  void whatTheManifestsCannotSayIsRefusedWhereTheStackSaysIt() throws Exception {
    Path stack = TestEnvs.stack(dir, "ref_stack",
        "    mem_limit: 256m\n    user: \"1000:1000\"", "    mem_limit: 256m\n    user: app",
        "      - /data/vault:/data/vault\n    depends_on:",
        "      - /data/vault:/data/vault\n      - /volatile/redis:/cache\n      - /data/vault/exports:/exports\n"
            + "      - /data/volatile-redis:/more\n    depends_on:",
        "REDIS_URL: redis://redis:6379", "REDIS_URL: redis://redis/0",
        "    mem_limit: 128m\n    init: true\n    restart: unless-stopped",
        "    mem_limit: 128m\n    init: true\n    restart: \"no\"");
    List<String> lines = Files.readAllLines(stack);
    ExportSource source = ExportedManifests.source(stack);

    new KubernetesExport("1Gi", "1Gi").refuse(source);

    List<String> refusals = source.refusals().lines();
    List<String> expected = List.of(
        at(stack, lines, "name:", "name: 'ref_stack' is no Kubernetes namespace name"),
        at(stack, lines, "/volatile/redis:/volatile/redis", "services/redis/volumes/0: /volatile/redis is shared with"
            + " worker, and each pod's emptyDir is its own"),
        at(stack, lines, "restart: \"no\"", "services/redis/restart: a Deployment restarts its pods"),
        at(stack, lines, "REDIS_URL:", "services/web/environment/REDIS_URL: names the service redis without a port"),
        at(stack, lines, "REDIS_URL:", "services/worker/environment/REDIS_URL: names the service redis without a port"),
        at(stack, lines, "/volatile/redis:/cache", "services/worker/volumes/1: /volatile/redis is shared with redis"),
        at(stack, lines, "/data/vault/exports:/exports", "services/worker/volumes/2: /data/vault/exports lies inside"
            + " /data/vault"),
        at(stack, lines, "/data/volatile-redis:/more", "services/worker/volumes/3: /data/volatile-redis would be the"
            + " volume volatile-redis"),
        at(stack, lines, "/volatile/redis:/volatile/redis", "services/redis/volumes/0: /volatile/redis would be the"
            + " volume volatile-redis"),
        at(stack, lines, "/volatile/redis:/cache", "services/worker/volumes/1: /volatile/redis would be the volume"),
        at(stack, lines, "user: app", "services/worker/user: 'app' is a name"));
    assertEquals(expected.size(), refusals.size(), refusals::toString);
    for (String refusal : expected) {
      assertTrue(refusals.stream().anyMatch(r -> r.startsWith(refusal)), () -> refusal + " in " + refusals);
    }
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> source.refusals()
        .throwIfAny("Kubernetes"));
    assertTrue(refused.getMessage().contains("fix: write the port: redis:PORT"), refused::getMessage);
  }

  @Test
  void aSizeThatIsNoQuantityIsBadInput() {
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> new KubernetesExport("10GB", "1Gi"));
    assertTrue(refused.getMessage().startsWith("--database-size 10GB is no size a claim takes"), refused::getMessage);
    assertThrows(Cli.BadInputException.class, () -> new KubernetesExport("1Gi", "-1Gi"));
  }

  // FILE:LINE:COLUMN: MESSAGE, where text first starts in the stack: what a refusal there starts with.
  private static String at(Path stack, List<String> lines, String text, String message) {
    for (int i = 0; i < lines.size(); i++) {
      int column = lines.get(i).indexOf(text);
      if (column >= 0) {
        return stack + ":" + (i + 1) + ":" + (column + 1) + ": " + message;
      }
    }
    throw new AssertionError("no line with " + text);
  }
}
