package dev.appliance.proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaintenancePageTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T05:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private String pageFor(String environment) throws Exception {
    Path env = TestEnvs.localhost(dir.resolve("env-" + environment), "appliance:\n  environment: " + environment + "\n");
    HostRoot root = new HostRoot(dir.resolve("root-" + environment));
    ActiveEnv.write(root, "test", Files.readAllBytes(env), CLOCK.instant());
    new MaintenancePage(root, CLOCK).show("Maintenance", "Back soon.");
    return Files.readString(root.front().resolve(MaintenancePage.FILE));
  }

  @Test
  void stagingAndQaSayWhatTheyAreOnThePage() throws Exception {
    assertTrue(pageFor("staging").contains("<h1>staging: Maintenance</h1>"));
    assertTrue(pageFor("qa").contains("<title>qa: Maintenance</title>"));
  }

  @Test
  void productionAndDevelopmentPagesCarryNoName() throws Exception {
    String production = pageFor("production");
    assertTrue(production.contains("<h1>Maintenance</h1>"), production);
    assertFalse(pageFor("development").contains("development:"));
  }

  @Test
  void aPageShowsWithoutAnActiveEnv() throws Exception {
    HostRoot root = new HostRoot(dir.resolve("bare"));
    new MaintenancePage(root, CLOCK).show("No env", "Attach the env drive.");
    assertTrue(Files.readString(root.front().resolve(MaintenancePage.FILE)).contains("<h1>No env</h1>"));
  }
}
