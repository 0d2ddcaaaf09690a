package dev.appliance.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.support.TestEnvs;
import dev.appliance.storage.StorageLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSourceTest {

  static final Path ENV = Path.of("src/test/resources/export/env.yml").toAbsolutePath();

  @TempDir
  Path dir;

  static EnvConfig env() throws Exception {
    return EnvLoader.load(ENV);
  }

  @Test
  void theReferenceStacksSecretsAreToldApartFromItsSettings() throws Exception {
    EnvConfig env = env();
    ExportSource source = ExportSource.read(TestEnvs.STACK, env, 80, 443);

    assertEquals(List.of(), source.refusals().lines());
    var web = source.environments().get("web");
    assertEquals(new EnvValue.Secret("DATABASE_PASSWORD"), web.get("DATABASE_PASSWORD"));
    assertEquals(new EnvValue.Secret("SECRET_KEY"), web.get("SECRET_KEY"));
    assertEquals(new EnvValue.Plain("jdbc:postgresql://postgres:5432/" + env.app().databaseName()), web.get("DATABASE_URL"));
    assertEquals(new EnvValue.Plain("qa"), web.get("APPLIANCE_ENVIRONMENT"));
    assertEquals(new EnvValue.Secret("DATABASE_PASSWORD"), source.environments().get("postgres").get("POSTGRES_PASSWORD"));
    assertEquals(env.app().databasePassword().reveal(), source.secrets().get("DATABASE_PASSWORD"));
    assertEquals(env.app().secrets().get("SECRET_KEY").reveal(), source.secrets().get("SECRET_KEY"));
    // Only what some service uses: the vault's key stays on this machine.
    assertEquals(List.of("DATABASE_PASSWORD", "SECRET_KEY"), List.copyOf(source.secrets().keySet()));
    assertEquals("2", source.version());
  }

  @Test
  void theDataNodeGetsEveryBoundDirectoryWithTheAppliancesOwners() throws Exception {
    ExportSource source = ExportSource.read(TestEnvs.STACK, env(), 80, 443);

    List<String> paths = source.dataDirectories().stream().map(StorageLayout.Dir::path).toList();
    assertTrue(paths.containsAll(List.of("/data", "/data/tls", "/data/ca", "/data/postgresql", "/data/vault", "/volatile",
        "/volatile/redis")), paths::toString);
    assertFalse(paths.contains("/data/etc/front"), "the front's site is shipped, not bound");
    assertEquals(new StorageLayout.Dir("/data/vault", 1000, 1000, "rwx------"),
        source.dataDirectories().stream().filter(d -> d.path().equals("/data/vault")).findFirst().orElseThrow());
  }

  @Test
  void whatNoClusterCanTakeOverIsRefusedWhereItIsWritten() throws Exception {
    Path stack = TestEnvs.stack(dir, "exported",
        "      DATABASE_URL: jdbc:postgresql://postgres:5432/${DATABASE_NAME}",
        "      DATABASE_URL: postgresql://app:${DATABASE_PASSWORD}@postgres:5432/${DATABASE_NAME}",
        "    mem_limit: 128m\n",
        "    mem_limit: 128m\n    ports: [\"127.0.0.1:6379:6379\"]\n",
        "      - /data/vault:/data/vault\n    depends_on:\n      postgres: {condition: service_healthy}\n      redis:"
            + " {condition: service_healthy}\n    mem_limit: 256m",
        "      - /data/vault:/data/vault\n      - /app/etc/worker:/etc/worker:ro\n    depends_on:\n      postgres:"
            + " {condition: service_healthy}\n      redis: {condition: service_healthy}\n    mem_limit: 256m");
    List<String> lines = Files.readAllLines(stack);

    ExportSource source = ExportSource.read(stack, env(), 80, 443);
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> source.refusals().throwIfAny("Test"));

    List<String> refusals = source.refusals().lines();
    // The worker's environment is an alias of the web's: both are refused where the text is.
    assertEquals(4, refusals.size(), refusals::toString);
    assertTrue(refusals.get(0).startsWith(stack + ":" + lineOf(lines, "ports: [") + ":") && refusals.get(0)
        .contains("services/redis/ports/0: publishes a port"), refusals::toString);
    assertTrue(refusals.get(1).startsWith(stack + ":" + lineOf(lines, "DATABASE_URL:") + ":7: services/web/environment/"
        + "DATABASE_URL: holds a secret inside a longer value"), refusals::toString);
    assertTrue(refusals.get(2).startsWith(stack + ":" + lineOf(lines, "DATABASE_URL:") + ":7: services/worker/"),
        refusals::toString);
    assertTrue(refusals.get(3).startsWith(stack + ":" + lineOf(lines, "/app/etc/worker") + ":") && refusals.get(3)
        .contains("services/worker/volumes/1: /app/etc/worker is this machine's configuration"), refusals::toString);
    assertTrue(refused.getMessage().contains("nothing was written"), refused::getMessage);
    assertFalse(refused.getMessage().contains(env().app().databasePassword().reveal()), "no secret in the message");
  }

  private static int lineOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + text);
  }
}
