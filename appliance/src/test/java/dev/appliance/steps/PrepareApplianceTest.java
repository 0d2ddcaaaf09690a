package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareApplianceTest {

  @TempDir
  Path dir;

  @Test
  void theFirstRunPreparesEverythingAndTheSecondSkipsEveryStepAsAlreadyDone() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    Path root = appliance.root.dir();
    assertTrue(Files.isSymbolicLink(root.resolve("app/etc")));
    assertEquals("999:999", appliance.owners.of(root.resolve("data/postgresql")));
    assertEquals("0:33", appliance.owners.of(root.resolve("data/tls/server.key")));
    assertTrue(Files.readString(root.resolve("data/etc/front/maintenance.html")).contains("Starting"));
    assertTrue(Files.readString(root.resolve("data/etc/front/site.conf")).contains("proxy_pass"));
    assertEquals(List.of("create reference-front-check", "start reference-front-check", "remove reference-front-check",
        "create reference-front", "start reference-front", "exec reference-front nginx -s reload"),
        appliance.engine.calls().stream().filter(c -> !c.startsWith("network")).toList(),
        "nginx checked the site in a one-off run before the front started");
    assertEquals(TestEnvs.STACK + "\n", Files.readString(root.resolve("app/etc/stack-file")), "the root remembers its stack");
    assertTrue(Files.readString(root.resolve("etc/systemd/system/appliance-backup.timer.d/schedule.conf"))
        .endsWith("[Timer]\nOnCalendar=\nOnCalendar=*-*-* 22:30:00\n"), "the env's default backup schedule");
    assertTrue(Files.readString(root.resolve("etc/systemd/system/appliance-restore-drill.timer.d/schedule.conf"))
        .endsWith("[Timer]\nOnCalendar=\nOnCalendar=Sun *-*-* 04:00:00\n"));
    assertTrue(Files.readString(root.resolve("etc/systemd/system/appliance-update.timer.d/schedule.conf"))
        .endsWith("[Timer]\nOnCalendar=\nOnCalendar=*-*-* 06:30:00\nRandomizedDelaySec=0\n"), "the env's default window");

    appliance.log.clear();
    int calls = appliance.engine.calls().size();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    List<String> skipped = appliance.log.stream().filter(l -> l.contains(": skipping: already ")).toList();
    assertEquals(18, skipped.size(), String.join("\n", appliance.log));
    assertEquals(calls, appliance.engine.calls().size(), "nothing was done to the engine: " + appliance.engine.calls());
  }

  @Test
  void aReloadThatFailedIsTriedAgainOnTheNextRun() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    appliance.engine.execExits("nginx -s reload", 1);
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    assertTrue(appliance.log.contains("front proxy reload failed: "), appliance.log.toString());

    appliance.engine.execExits("nginx -s reload", 0);
    appliance.log.clear();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    assertTrue(appliance.log.contains("front proxy reloaded"), appliance.log.toString());
    appliance.log.clear();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    assertTrue(appliance.log.contains("front proxy reload: skipping: already serving the current site and certificates"),
        appliance.log.toString());
  }

  @Test
  void aServerKeyLeftReadableByAllIsGivenItsModeBackAndTheFrontReloaded() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    Path key = appliance.root.tls().resolve("server.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    String before = Files.readString(key);
    appliance.log.clear();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(before, Files.readString(key), "the valid certificate and its key were kept");
    assertTrue(appliance.log.contains("server certificate: existing"), appliance.log.toString());
  }

  @Test
  void aBrokenStackIsRefusedBeforeAnythingIsChanged() throws Exception {
    FakeAppliance valid = FakeAppliance.ofProjectStack(dir.resolve("valid")).withActiveEnv();
    Path broken = Files.writeString(dir.resolve("broken.yml"), Files.readString(TestEnvs.STACK).replace("mem_limit: 512m",
        "mem_limit: lots"));
    FakeAppliance appliance = new FakeAppliance(dir, TestEnvs.STACK);
    Files.createDirectories(appliance.root.dir().resolve("run"));
    Files.copy(valid.root.activeEnv(), appliance.root.activeEnv());
    List<String> before;
    try (var walk = Files.walk(appliance.root.dir())) {
      before = walk.map(Path::toString).sorted().toList();
    }

    try (Installation installation = new Installation(appliance.root, new Installation.Settings(broken, null, 8080, 8443, 0),
        appliance.processes, appliance.time, appliance.time, appliance.log::add, line -> appliance.engine)) {
      assertThrows(Cli.BadInputException.class, () -> new PrepareAppliance(installation).run());
    }

    try (var walk = Files.walk(appliance.root.dir())) {
      assertEquals(before, walk.map(Path::toString).sorted().toList(), "no file was written");
    }
    assertTrue(appliance.engine.calls().isEmpty(), appliance.engine.calls().toString());
    assertFalse(appliance.log.stream().anyMatch(l -> l.contains("storage layout ready")), appliance.log.toString());
  }
}
