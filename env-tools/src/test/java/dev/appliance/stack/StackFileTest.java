package dev.appliance.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.stack.Stack.Condition;
import dev.appliance.stack.Stack.Directory;
import dev.appliance.stack.Stack.SecretKind;
import dev.appliance.stack.Stack.SecretRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class StackFileTest {

  private static final Path CORPUS = Path.of("src/test/resources/stack");
  private static final Map<String, String> ENV = Map.of("DATABASE_NAME", "app", "DATABASE_PASSWORD", "db-password",
      "SECRET_KEY", "the-secret-key", "APPLIANCE_ENVIRONMENT", "production");

  @TestFactory
  Stream<DynamicTest> everyInvalidStackIsRefusedWithItsExactProblems() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS.resolve("invalid"))) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList().stream()
          .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String expected = Files.readString(Path.of(file.toString().replaceFirst("\\.yml$", ".expected")))
                .replace("FILE:", file + ":");
            var e = assertThrows(StackFile.InvalidStackException.class, () -> StackFile.read(file, Interpolation.deferred()));
            assertEquals(expected, String.join("\n", e.lines()) + "\n");
          }));
    }
  }

  @Test
  void theEcsOriginalIsReportedKeyByKeyWithReasons() throws IOException {
    Path ecs = CORPUS.resolve("invalid/ecs-original.yml");
    var e = assertThrows(StackFile.InvalidStackException.class, () -> StackFile.read(ecs, Interpolation.deferred()));
    List<String> lines = e.lines();
    assertEquals(22, lines.size());
    assertTrue(lines.get(0).endsWith("x-appliance: is missing: the appliance must know which service its front proxy serves;"
        + " fix: add x-appliance: {web: {service: NAME, port: PORT, health: /PATH}}"), lines.get(0));
    String supported = "; supported keys: image, build, command, entrypoint, environment, env_file, volumes, ports,"
        + " depends_on, healthcheck, restart, mem_limit, cpus, user, read_only, tmpfs, init, labels";
    assertTrue(lines.contains(ecs + ":26:5: services/ecs.web/links: 'links' is not supported by the appliance; fix: every"
        + " service reaches the others by their names on the stack's private network; remove it" + supported), lines.get(2));
    assertTrue(lines.contains(ecs + ":29:5: services/ecs.web/network_mode: 'network_mode' is not supported by the appliance;"
        + " fix: each stack runs on its own private network, which host or bridge networking would bypass" + supported));
    assertEquals(7, lines.stream().filter(l -> l.contains("/links: ")).count());
    assertEquals(10, lines.stream().filter(l -> l.contains("/network_mode: ")).count());
  }

  @Test
  void theReferenceStackReadsWhole() throws Exception {
    Stack stack = StackFile.read(Path.of("../containers/stack.yml"), Interpolation.of(ENV));
    assertEquals("reference", stack.name());
    assertEquals(List.of("front", "postgres", "redis", "web", "worker"), List.copyOf(stack.services().keySet()));
    assertEquals(new Stack.Web("web", 8080, "/healthz"), stack.appliance().web());
    assertEquals(List.of("migrate"), stack.appliance().migrate().orElseThrow().command());
    assertEquals(List.of(new SecretRequest("SECRET_KEY", SecretKind.TOKEN), new SecretRequest("VAULT_PGP_KEY",
        SecretKind.OPENPGP_KEY)), stack.appliance().secrets());
    var web = stack.services().get("web");
    assertEquals("jdbc:postgresql://postgres:5432/app", web.environment().get("DATABASE_URL"));
    assertEquals("the-secret-key", web.environment().get("SECRET_KEY"));
    assertEquals(Condition.SERVICE_HEALTHY, web.dependsOn().get("postgres"));
    assertEquals(512L << 20, web.memLimitBytes().orElseThrow());
    assertEquals(web.environment(), stack.services().get("worker").environment(), "the YAML alias is shared");
    var front = stack.services().get("front");
    assertEquals(List.of(new Stack.PortBinding("0.0.0.0", 80, 8080), new Stack.PortBinding("0.0.0.0", 443, 8443)),
        front.ports(), "the front proxy alone may listen on every address");
    assertEquals(Files.readString(Path.of("../containers/stack.yml")), Files.readString(CORPUS.resolve("valid/reference.yml")),
        "the test copy of the reference stack is up to date");
  }

  @Test
  void directoriesCarryTheirOwnerAndModeInFileOrder() throws Exception {
    Stack stack = StackFile.read(CORPUS.resolve("valid/directories.yml"), Interpolation.deferred());
    assertEquals(List.of(new Directory("/data/wiki", 33, 33, "rwxr-x---"), new Directory("/data/wiki/uploads", 33, 33, "rwxrwx---"),
        new Directory("/volatile/wiki-cache", 33, 0, "rwx------")), stack.appliance().directories());
  }

  @Test
  void frontHeadersChangeTheDefaultsWhateverTheirCase() throws Exception {
    Stack.Front front = StackFile.read(CORPUS.resolve("valid/front-headers.yml"), Interpolation.deferred()).appliance().front();
    Map<String, String> defaults = new java.util.LinkedHashMap<>();
    defaults.put("X-Content-Type-Options", "nosniff");
    defaults.put("X-Frame-Options", "SAMEORIGIN");
    defaults.put("Content-Security-Policy", "frame-ancestors 'self'");
    assertEquals(List.of("X-Content-Type-Options=nosniff", "content-security-policy=frame-ancestors 'self' https://partner.example",
        "Permissions-Policy=camera=(), microphone=()"), front.applyTo(defaults).entrySet().stream().map(Object::toString).toList(),
        "a replaced default keeps its place, a removed one is gone, a new one comes last");
  }

  @Test
  void aStackWithoutFrontHeadersKeepsTheDefaults() throws Exception {
    Stack.Front front = StackFile.read(Path.of("../containers/stack.yml"), Interpolation.of(ENV)).appliance().front();
    assertEquals(Stack.Front.NONE, front);
    assertEquals(Map.of("X-Frame-Options", "DENY"), front.applyTo(Map.of("X-Frame-Options", "DENY")));
  }

  @Test
  void aStackWithoutDirectoriesDeclaresNone() throws Exception {
    assertEquals(List.of(), StackFile.read(Path.of("../containers/stack.yml"), Interpolation.of(ENV)).appliance().directories());
  }

  @Test
  void anUnsetVariableIsAnErrorAtItsPlaceNeverAnEmptyString(@TempDir Path dir) throws IOException {
    Path stack = Files.writeString(dir.resolve("stack.yml"), "x-appliance:\n  web: {service: web, port: 8080}\nservices:\n"
        + "  web:\n    image: example/web:1\n    environment:\n      URL: \"https://${APPLIANCE_DOMAIN}/\"\n"
        + "      PRICE: $$5\n      LEVEL: ${LOG_LEVEL:-info}\n      FROM_ENV:\n");
    var e = assertThrows(StackFile.InvalidStackException.class, () -> StackFile.read(stack, Interpolation.of(ENV)));
    assertEquals(List.of(
        stack + ":7:21: services/web/environment/URL: the variable APPLIANCE_DOMAIN is not set; fix: set"
            + " app/settings/APPLIANCE_DOMAIN (or app/secrets/APPLIANCE_DOMAIN) in env.yml, or write ${APPLIANCE_DOMAIN:-default}",
        stack + ":10:16: services/web/environment/FROM_ENV: the variable FROM_ENV is not set; fix: set app/settings/FROM_ENV"
            + " (or app/secrets/FROM_ENV) in env.yml, or write ${FROM_ENV:-default}"), e.lines());

    Stack read = assertDoesNotThrowRead(stack, Map.of("APPLIANCE_DOMAIN", "example.org", "FROM_ENV", "x"));
    assertEquals(Map.of("URL", "https://example.org/", "PRICE", "$5", "LEVEL", "info", "FROM_ENV", "x"),
        read.services().get("web").environment());
  }

  private static Stack assertDoesNotThrowRead(Path stack, Map<String, String> variables) throws IOException {
    try {
      return StackFile.read(stack, Interpolation.of(variables));
    } catch (StackFile.InvalidStackException e) {
      throw new AssertionError(String.join("\n", e.lines()));
    }
  }
}
