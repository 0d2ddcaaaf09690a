package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.MetricConfig;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.TestEnvs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** appliance/metric/server: Prometheus' files under the root, and systemctl only on a machine under systemd. */
class ConfigurePrometheusTest {

  private static final List<String> SHOW = List.of("systemctl", "show", "--property=LoadState,UnitFileState,ActiveState",
      "prometheus.service");

  @TempDir
  Path dir;

  private static Optional<String> run(Step step, Installation installation) throws Exception {
    Optional<String> satisfied = step.satisfied(installation);
    if (satisfied.isEmpty()) {
      step.apply(installation);
    }
    return satisfied;
  }

  @Test
  void aTestRootGetsTheFilesAloneAndPrepareApplianceSkipsThemOnItsSecondRun() throws Exception {
    Path env = TestEnvs.metrics(TestEnvs.localhost(dir.resolve("env")), dir.resolve("metrics.yml"), 9555, true);
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv(env);
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    Path etc = appliance.root.dir().resolve("etc");
    String config = Files.readString(etc.resolve("prometheus/prometheus.yml"));
    assertTrue(config.contains("- job_name: appliance\n    static_configs:\n      - targets: [\"127.0.0.1:9555\"]"), config);
    assertTrue(config.contains("- job_name: node\n    static_configs:\n      - targets: [\"127.0.0.1:9100\"]"), config);
    assertTrue(config.contains("alertmanagers:\n    - api_version: v2\n      static_configs:\n        - targets: [\"127.0.0.1:9555\"]"),
        config);
    assertEquals(Files.readString(Path.of("../prometheus/appliance.rules.yml")),
        Files.readString(etc.resolve("prometheus/appliance.rules.yml")), "the rules the project ships");
    String defaults = Files.readString(etc.resolve("default/prometheus"));
    assertTrue(defaults.contains("\nARGS=\"--storage.tsdb.retention.time=30d --web.listen-address=127.0.0.1:9090\"\n"), defaults);
    assertTrue(Files.readString(Path.of("../packer/provision.sh")).contains(defaults.lines().toList().get(1)),
        "the image's provisioning binds Prometheus to 127.0.0.1 the same way before any env is read");
    assertEquals(List.of(), appliance.processes.commands(), "no systemctl for a test root");

    appliance.log.clear();
    try (Installation installation = appliance.installation()) {
      new PrepareAppliance(installation).run();
    }
    assertTrue(appliance.log.contains("prometheus: skipping: already configured (started only on the machine's own root,"
        + " under systemd)"), appliance.log.toString());
  }

  @Test
  void underSystemdItIsEnabledAndRestartedWhenItsFilesChangeAndLeftAloneWhenRunning() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    appliance.processes.answer(SHOW, "LoadState=loaded\nUnitFileState=disabled\nActiveState=inactive\n");
    try (Installation installation = appliance.installation()) {
      assertEquals(Optional.empty(), run(new ConfigurePrometheus(new MetricConfig(true, 9469, true, false), true), installation));
      assertEquals(List.of(SHOW, SHOW, List.of("systemctl", "enable", "prometheus.service"),
          List.of("systemctl", "restart", "prometheus.service")), appliance.processes.commands());

      appliance.processes.answer(SHOW, "LoadState=loaded\nUnitFileState=enabled\nActiveState=active\n");
      appliance.processes.clear();
      assertEquals(Optional.of("configured and running on 127.0.0.1:9090"),
          run(new ConfigurePrometheus(new MetricConfig(true, 9469, true, false), true), installation));
      assertEquals(List.of(SHOW), appliance.processes.commands());

      appliance.processes.clear();
      assertEquals(Optional.empty(), run(new ConfigurePrometheus(new MetricConfig(true, 9470, true, false), true), installation),
          "another port: another configuration");
      assertTrue(appliance.processes.commands().contains(List.of("systemctl", "restart", "prometheus.service")));
    }
  }

  @Test
  void aRestartThatDidNotHappenIsMadeUpByTheNextRun() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    appliance.processes.answer(SHOW, "LoadState=loaded\nUnitFileState=enabled\nActiveState=active\n");
    try (Installation installation = appliance.installation()) {
      ConfigurePrometheus step = new ConfigurePrometheus(new MetricConfig(true, 9469, true, false), true);
      step.apply(installation);
      // As if the machine went down between the files and the restart: the mark is still there.
      appliance.root.files().write(appliance.root.runState().resolve("prometheus-restart-pending"), "rw-r--r--", "");
      assertEquals(Optional.empty(), step.satisfied(installation));
    }
  }

  @Test
  void withoutTheServerItIsStoppedAndDisabledIfInstalled() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    ConfigurePrometheus off = new ConfigurePrometheus(new MetricConfig(true, 9469, false, false), true);
    try (Installation installation = appliance.installation()) {
      appliance.processes.answer(SHOW, "LoadState=loaded\nUnitFileState=enabled\nActiveState=active\n");
      assertEquals(Optional.empty(), run(off, installation));
      assertEquals(List.of(SHOW, List.of("systemctl", "disable", "--now", "prometheus.service")), appliance.processes.commands());

      appliance.processes.answer(SHOW, "LoadState=loaded\nUnitFileState=disabled\nActiveState=inactive\n");
      assertEquals(Optional.of("off and disabled"), off.satisfied(installation));
      appliance.processes.answer(SHOW, "LoadState=not-found\nUnitFileState=\nActiveState=inactive\n");
      assertEquals(Optional.of("off (prometheus is not installed)"), off.satisfied(installation));
      assertTrue(Files.notExists(appliance.root.dir().resolve("etc/prometheus")), "nothing written");
    }
  }

  @Test
  void theServerWithoutPrometheusInstalledFailsSayingHowToInstallIt() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    appliance.processes.answer(SHOW, "LoadState=not-found\nUnitFileState=\nActiveState=inactive\n");
    try (Installation installation = appliance.installation()) {
      IOException e = assertThrows(IOException.class,
          () -> run(new ConfigurePrometheus(new MetricConfig(true, 9469, true, false), true), installation));
      assertTrue(e.getMessage().contains("install it with: apt-get install prometheus"), e.getMessage());
    }
  }
}
