package dev.appliance.export.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter.ExportFile;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class SwarmExportTest {

  @TempDir
  Path dir;

  static final Path NODE = Path.of("/srv/node");

  @SuppressWarnings("unchecked")
  static Map<String, Object> yaml(String text) {
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Map<String, Object> map, String path) {
    Object current = map;
    for (String key : path.split("/")) {
      current = current instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) current).get(key);
    }
    return (T) current;
  }

  @Test
  void theStackFileIsComposeThreeNineWithWhatSwarmTakes() throws Exception {
    Map<String, ExportFile> files = SwarmGoldenTest.export(TestEnvs.STACK, NODE, 8081, 8444);
    Map<String, Object> stack = yaml(files.get("stack.yml").text());

    assertEquals("3.9", stack.get("version"));
    assertFalse(stack.containsKey("name"), "docker stack deploy refuses a top-level name");
    Map<String, Map<String, Object>> services = at(stack, "services");
    assertEquals(List.of("front", "postgres", "redis", "web", "worker"), List.copyOf(services.keySet()));
    for (Map<String, Object> service : services.values()) {
      for (String refused : List.of("depends_on", "mem_limit", "restart", "build", "tmpfs", "name")) {
        assertFalse(service.containsKey(refused), refused + " in " + service);
      }
      assertEquals(List.of(SwarmService.DATA_CONSTRAINT), at(service, "deploy/placement/constraints"), "every service binds /data");
      assertEquals("any", at(service, "deploy/restart_policy/condition"));
    }
    Map<String, Object> web = services.get("web");
    assertEquals("/run/secrets/DATABASE_PASSWORD", at(web, "environment/DATABASE_PASSWORD_FILE"));
    assertFalse(((Map<?, ?>) web.get("environment")).containsKey("DATABASE_PASSWORD"));
    assertEquals(Map.of("source", "SECRET_KEY", "target", "SECRET_KEY", "uid", "1000", "gid", "1000", "mode", 0400),
        at(web, "secrets/1"));
    assertEquals(Map.of("source", "DATABASE_PASSWORD", "target", "DATABASE_PASSWORD", "mode", 0400),
        at(stack, "services/postgres/secrets/0"), "postgres has no user: its secret is root's, read before it drops root");
    assertEquals("1000:1000", web.get("user"));
    assertEquals("512M", at(web, "deploy/resources/limits/memory"));
    assertEquals("128M", at(stack, "services/redis/deploy/resources/limits/memory"));
    assertEquals(Map.of("parallelism", 1, "order", "start-first", "failure_action", "rollback", "monitor", "122s"),
        at(web, "deploy/update_config"), "30 retries of 2 s interval and 2 s timeout, and one interval");
    assertEquals("stop-first", at(stack, "services/postgres/deploy/update_config/order"));
    assertEquals(List.of("CMD", "/app/healthcheck", "http://127.0.0.1:8080/healthz"), at(web, "healthcheck/test"));
    assertEquals("2s", at(web, "healthcheck/interval"));
    assertEquals(Map.of("type", "bind", "source", "/srv/node/data/vault", "target", "/data/vault"), at(web, "volumes/0"));

    Map<String, Object> front = services.get("front");
    assertEquals(List.of(Map.of("target", 8080, "published", 8081, "protocol", "tcp", "mode", "host"),
        Map.of("target", 8443, "published", 8444, "protocol", "tcp", "mode", "host")), front.get("ports"));
    assertEquals(Map.of("source", "site", "target", "/etc/nginx/appliance/site.conf", "mode", 0444), at(front, "configs/0"));
    List<Map<String, Object>> volumes = at(front, "volumes");
    assertEquals(List.of("/srv/node/data/tls", "/srv/node/data/ca"), volumes.stream().filter(v -> v.get("type").equals("bind"))
        .map(v -> v.get("source")).toList(), "the site is a config, not the bind of /app/etc/front");
    assertEquals(List.of("/tmp", "/var/lib/nginx"), volumes.stream().filter(v -> v.get("type").equals("tmpfs"))
        .map(v -> v.get("target")).toList());
    assertEquals(Boolean.TRUE, front.get("read_only"));
    assertEquals(Boolean.TRUE, front.get("init"));

    assertEquals(Map.of("driver", "overlay", "attachable", true), at(stack, "networks/default"));
    assertEquals("./secrets/DATABASE_PASSWORD", at(stack, "secrets/DATABASE_PASSWORD/file"));
    assertTrue(((String) at(stack, "secrets/DATABASE_PASSWORD/name")).matches("reference-DATABASE_PASSWORD-[0-9a-f]{12}"));
    assertEquals("./configs/site.conf", at(stack, "configs/site/file"));
    assertTrue(files.get("configs/site.conf").text().contains("set $web http://web:8080;"), "the web service by its name");
  }

  @Test
  void aChangedSecretOrSiteGetsANewNameAndNoSecretIsWrittenButInItsFile() throws Exception {
    Map<String, ExportFile> files = SwarmGoldenTest.export(TestEnvs.STACK, NODE, 80, 443);
    Map<String, ExportFile> otherPort = SwarmGoldenTest.export(TestEnvs.STACK, NODE, 80, 8443);
    Map<String, Object> stack = yaml(files.get("stack.yml").text());
    Map<String, Object> other = yaml(otherPort.get("stack.yml").text());

    assertFalse(at(stack, "configs/site/name").equals(at(other, "configs/site/name")), "the site redirects to another port");
    assertEquals((String) at(stack, "secrets/SECRET_KEY/name"), at(other, "secrets/SECRET_KEY/name"));
    ExportSource source = ExportSource.read(TestEnvs.STACK, EnvLoader.load(SwarmGoldenTest.ENV), 80, 443);
    for (Map.Entry<String, String> secret : source.secrets().entrySet()) {
      assertEquals(ExportFile.secret(secret.getValue()), files.get("secrets/" + secret.getKey()));
      for (String name : List.of("stack.yml", "deploy.sh", "EXPORT-NOTES.md", "configs/site.conf")) {
        assertFalse(files.get(name).text().contains(secret.getValue()), secret.getKey() + " in " + name);
      }
    }
  }

  @Test
  void theSecretFilesAreTheOwnersOnlyAndDeployShRuns() throws Exception {
    Path out = dir.resolve("export");
    new ExportDirectory(out).write(SwarmGoldenTest.export(TestEnvs.STACK, NODE, 80, 443));

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets/SECRET_KEY"))));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("secrets/DATABASE_PASSWORD"))));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("deploy.sh"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("stack.yml"))));
  }

  @Test
  void whatSwarmCannotExpressIsRefusedWhereTheStackSaysIt() throws Exception {
    Path stack = TestEnvs.stack(dir, "refused",
        "\"${APPLIANCE_HTTPS_PORT:-443}:8443\"", "\"192.0.2.7:${APPLIANCE_HTTPS_PORT:-443}:8443\"",
        "    mem_limit: 128m\n", "    mem_limit: 2m\n",
        "    mem_limit: 512m\n    user: \"1000:1000\"", "    mem_limit: 512m\n    user: app");
    List<String> lines = Files.readAllLines(stack);
    ExportSource source = ExportSource.read(stack, EnvLoader.load(SwarmGoldenTest.ENV), 80, 443);
    SwarmExport export = new SwarmExport(NODE);

    export.refuse(source);

    List<String> refusals = source.refusals().lines();
    assertEquals(3, refusals.size(), refusals::toString);
    assertTrue(refusals.get(0).startsWith(stack + ":" + lineOf(lines, "192.0.2.7") + ":9: services/front/ports/1:"
        + " publishes on the address 192.0.2.7"), refusals::toString);
    assertTrue(refusals.get(1).startsWith(stack + ":" + lineOf(lines, "mem_limit: 2m") + ":5: services/redis/mem_limit:"
        + " is below the 4m"), refusals::toString);
    assertTrue(refusals.get(2).startsWith(stack + ":" + lineOf(lines, "user: app") + ":5: services/web/user: is a name"),
        refusals::toString);
    assertTrue(refusals.stream().allMatch(r -> r.contains("; fix: ")), refusals::toString);
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> source.refusals().throwIfAny(export.target()));
    assertTrue(refused.getMessage().contains("cannot be exported for Docker Swarm"), refused::getMessage);
  }

  @Test
  void theReferenceStackIsNotRefused() throws Exception {
    ExportSource source = ExportSource.read(TestEnvs.STACK, EnvLoader.load(SwarmGoldenTest.ENV), 80, 443);
    new SwarmExport(NODE).refuse(source);
    assertEquals(List.of(), source.refusals().lines());
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
