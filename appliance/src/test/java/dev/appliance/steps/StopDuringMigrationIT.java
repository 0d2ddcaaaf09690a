package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.appliance.docker.DockerClients;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.ThrowawayStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real engine, prepare-app in a process of its own, stopped while its migration (a one-off container that
 * would run for minutes) runs beside the database it needs: by {@code appliance stop}, it ends as stopped with exit
 * 0; by SIGTERM (systemctl stop), with 143, which the unit counts as success. Either way no container is left
 * running and the appliance is not failed.
 */
class StopDuringMigrationIT {

  @TempDir
  Path dir;

  private final ThrowawayStack throwaway = new ThrowawayStack();
  private ApplianceCli cli;
  private Path root;

  @BeforeEach
  void activeEnvAndAStackWhoseMigrationTakesMinutes() throws IOException {
    Path stack = Files.writeString(dir.resolve("stack.yml"), String.join("\n",
        "name: " + throwaway.name,
        "x-appliance:",
        "  web: {service: web, port: 80}",
        "  migrate: {service: web, command: [sleep, '300']}",
        "services:",
        "  db: {image: 'debian:bookworm-slim', command: [sleep, '300'], init: true}",
        "  web: {image: 'debian:bookworm-slim', command: [sleep, '300'], init: true, depends_on: [db]}",
        ""));
    root = dir.resolve("root");
    cli = new ApplianceCli(root, stack, TestEnvs.freePort(), TestEnvs.freePort());
    ApplianceCli.Result env = cli.run("prepare-env", "--env", TestEnvs.localhost(dir.resolve("env")).toString());
    assertEquals(0, env.code(), env.out() + env.err());
  }

  @AfterEach
  void removeTheStack() throws IOException {
    throwaway.close();
  }

  private List<Container> containers() {
    try (DockerClient docker = DockerClients.connect()) {
      return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ImageLabels.STACK, throwaway.name)).exec();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private Process migrating(Path log) throws Exception {
    Process prepareApp = cli.startProcess(log, "prepare-app");
    Instant deadline = Instant.now().plusSeconds(120);
    while (containers().stream().noneMatch(c -> c.getState().equals("running") && c.getNames()[0].endsWith("-web-migrate"))) {
      assertTrue(Instant.now().isBefore(deadline) && prepareApp.isAlive(), () -> read(log));
      Thread.sleep(100);
    }
    return prepareApp;
  }

  private void assertNothingRunsAndNotFailed(Path log) {
    assertTrue(containers().stream().noneMatch(c -> c.getState().equals("running")), () -> containers() + read(log));
    assertTrue(containers().stream().noneMatch(c -> c.getNames()[0].endsWith("-migrate")), "the one-off is removed");
    assertFalse(Files.exists(root.resolve("run/appliance-failed")), () -> "a stop is no failure: " + read(log));
  }

  @Test
  void applianceStopEndsPrepareAppAsStopped() throws Exception {
    Path log = dir.resolve("prepare-app.log");
    Process prepareApp = migrating(log);

    ApplianceCli.Result stop = cli.run("stop", "--timeout", "2");

    assertEquals(0, stop.code(), stop.out() + stop.err());
    assertTrue(stop.out().contains("-web-migrate: one-off run stopped"), stop.out());
    assertTrue(prepareApp.waitFor(30, TimeUnit.SECONDS), () -> "prepare-app still runs: " + read(log));
    assertEquals(0, prepareApp.exitValue(), read(log));
    assertTrue(read(log).contains("prepare-app: stopped, as asked, during migration"), read(log));
    assertNothingRunsAndNotFailed(log);
  }

  @Test
  void sigtermEndsPrepareAppWith143AndRemovesTheMigrationContainer() throws Exception {
    Path log = dir.resolve("prepare-app.log");
    Process prepareApp = migrating(log);

    prepareApp.destroy();

    assertTrue(prepareApp.waitFor(Duration.ofSeconds(40).toSeconds(), TimeUnit.SECONDS), () -> read(log));
    assertEquals(143, prepareApp.exitValue(), "what prepare-app.service counts as success (SuccessExitStatus=143)");
    assertTrue(read(log).contains("prepare-app: stopped, as asked, during migration"), read(log));
    assertNothingRunsAndNotFailed(log);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
