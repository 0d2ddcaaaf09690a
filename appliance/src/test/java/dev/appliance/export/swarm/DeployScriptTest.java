package dev.appliance.export.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvLoader;
import dev.appliance.export.ExportSource;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployScriptTest {

  @TempDir
  Path dir;

  // A value that quoting must keep whole: quotes, a semicolon, a dollar, a backslash and spaces.
  static final String AWKWARD = "it's \"me\"; echo $HOME \\ `id`";

  @Test
  void deployShIsBashThatShellcheckAccepts() throws Exception {
    Path script = Files.writeString(dir.resolve("deploy.sh"),
        SwarmGoldenTest.export(TestEnvs.STACK, Path.of("/"), 80, 443).get("deploy.sh").text());

    PrivateSwarm.Result syntax = PrivateSwarm.run(List.of("bash", "-n", script.toString()), Map.of());
    assertEquals(0, syntax.code(), syntax.out());
    if (Files.isExecutable(Path.of("/usr/bin/shellcheck"))) {
      PrivateSwarm.Result lint = PrivateSwarm.run(List.of("shellcheck", "-s", "bash", script.toString()), Map.of());
      assertEquals(0, lint.code(), lint.out());
    }
  }

  @Test
  void theMigrationJobGetsEveryWordAsTheExportMeantIt() throws Exception {
    Path stack = TestEnvs.stack(dir, "quoted", "DATABASE_USER: app", "DATABASE_USER: '" + AWKWARD.replace("'", "''").replace("$", "$$") + "'");
    ExportSource source = ExportSource.read(stack, EnvLoader.load(SwarmGoldenTest.ENV), 80, 443);
    SwarmObjects objects = SwarmObjects.of(source);
    SwarmService mapping = new SwarmService(source, objects, Path.of("/srv/my node"));
    String script = new DeployScript(source, objects, mapping).render();
    String migrate = script.substring(script.indexOf("migrate() {"), script.indexOf("\n}\n", script.indexOf("migrate() {")) + 3);

    // run_job's arguments as bash reads them: the job's name, its bound, then docker service create's words.
    PrivateSwarm.Result words = PrivateSwarm.run(List.of("bash", "-c",
        "run_job() { printf '%s\\n' \"$@\"; }\n" + migrate + "migrate\n"), Map.of());

    List<String> expected = new java.util.ArrayList<>(List.of("quoted_migrate-2", Integer.toString(DeployScript.MIGRATION_SECONDS)));
    expected.addAll(MigrationJob.create(source, objects, mapping, source.stack().appliance().migrate().orElseThrow()));
    assertEquals(expected, words.out().lines().toList());
    assertTrue(expected.contains("DATABASE_USER=" + AWKWARD), expected::toString);
    assertTrue(expected.contains("type=bind,source=/srv/my node/data/vault,target=/data/vault"), expected::toString);
  }

  @Test
  void theDataDirectoriesGetTheAppliancesOwnersAndModes() throws Exception {
    String script = SwarmGoldenTest.export(TestEnvs.STACK, Path.of("/srv/node"), 80, 443).get("deploy.sh").text();

    assertTrue(script.contains("\ndirectory /srv/node/data/postgresql 999 999 0700\n"), script);
    assertTrue(script.contains("\ndirectory /srv/node/data/vault 1000 1000 0700\n"), script);
    assertTrue(script.contains("\ndirectory /srv/node/data/tls 0 33 0750\n"), script);
    assertTrue(script.contains("\nself_signed_certificate /srv/node/data/tls app.example.org 90\n"), script);
    assertTrue(script.contains("\nrequire_client_ca /srv/node/data/ca\n"), "the env has a client CA");
  }

  @Test
  void modesAreOctal() {
    assertEquals("0750", DeployScript.octal("rwxr-x---"));
    assertEquals("0644", DeployScript.octal("rw-r--r--"));
    assertEquals("0001", DeployScript.octal("--------x"));
  }
}
