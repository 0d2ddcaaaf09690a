package dev.appliance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.docker.DockerEngine;
import dev.appliance.engine.Engine;
import dev.appliance.host.HostRoot;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.ThrowawayStack;
import dev.appliance.time.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real engine, {@code appliance stop} says how each service's stop ended: one ended by SIGTERM (143 under
 * init), one that ignores SIGTERM and is killed after the timeout (137), and one that exits 1 on SIGTERM, as
 * PostgreSQL does when its shutdown checkpoint PANICs on a full disk; that one makes the command exit 1.
 */
class StackStopIT {

  @TempDir
  Path dir;

  private final ThrowawayStack throwaway = new ThrowawayStack();
  private final String stackName = throwaway.name;

  @AfterEach
  void removeTheStacksContainersAndNetwork() throws Exception {
    throwaway.close();
  }

  @Test
  void aServiceThatExitsWithAnErrorOnStopIsReportedWithItsLinesAndStopExitsOne() throws Exception {
    Path stackFile = Files.writeString(dir.resolve("stack.yml"), String.join("\n",
        "name: " + stackName,
        "x-appliance: {web: {service: clean, port: 80}}",
        "services:",
        "  clean: {image: 'debian:bookworm-slim', command: [sleep, '300'], init: true}",
        "  stubborn: {image: 'debian:bookworm-slim', command: [sleep, '300']}",
        "  failing:",
        "    image: 'debian:bookworm-slim'",
        "    command:",
        "      - sh",
        "      - -c",
        "      - \"trap 'echo PANIC: could not write: No space left on device; exit 1' TERM; sleep 300 & wait\"",
        ""));
    Stack stack = StackFile.read(stackFile, Interpolation.deferred());
    Path root = Files.createDirectories(dir.resolve("root"));
    try (Engine engine = DockerEngine.connect(line -> {})) {
      new StackContainers(engine, stack, new HostRoot(root), Map.of(), Clock.systemUTC(), Sleeper.real(), line -> {})
          .start(StartOrder.of(stack));
    }

    ApplianceCli.Result stop = new ApplianceCli(root, stackFile, TestEnvs.freePort(), TestEnvs.freePort())
        .run("stop", "--timeout", "1");

    assertEquals(1, stop.code(), stop.out() + stop.err());
    assertTrue(stop.out().contains("clean: stopped\n"), stop.out());
    assertTrue(stop.out().contains("stubborn: killed after 1 s (it did not stop within the timeout)"), stop.out());
    assertTrue(stop.out().contains("failing: stopped badly (exit code 1); its last lines:\n"
        + "failing | PANIC: could not write: No space left on device"), stop.out());
    assertTrue(stop.out().contains("stopped, but failing did not stop cleanly"), stop.out());
  }
}
