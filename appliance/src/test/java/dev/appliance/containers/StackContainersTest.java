package dev.appliance.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.engine.GuardedEngine;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.FakeEngine;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackContainersTest {

  @TempDir
  Path dir;

  private FakeAppliance appliance;
  private Stack stack;

  private StackContainers containers(Map<String, String> imageIds) throws Exception {
    if (appliance == null) {
      appliance = FakeAppliance.ofProjectStack(dir);
      stack = StackFile.read(TestEnvs.STACK, Interpolation.deferred());
    }
    return new StackContainers(new GuardedEngine(appliance.engine, line -> {}), stack, appliance.root, imageIds,
        appliance.time, appliance.time, appliance.log::add);
  }

  private int index(String call) {
    int i = appliance.engine.calls().indexOf(call);
    assertTrue(i >= 0, call + " not in " + appliance.engine.calls());
    return i;
  }

  @Test
  void aContainerIsKeptWhileItsSpecificationHashIsTheSameAndRecreatedWhenTheImageChanged() throws Exception {
    containers(Map.of("appliance/redis:7", "sha256:one")).ensureRunning("redis");
    containers(Map.of("appliance/redis:7", "sha256:one")).ensureRunning("redis");
    assertEquals(List.of("create reference-redis", "start reference-redis"), appliance.engine.calls(), "kept the second time");

    containers(Map.of("appliance/redis:7", "sha256:two")).ensureRunning("redis");
    assertEquals(List.of("create reference-redis", "start reference-redis", "remove reference-redis",
        "create reference-redis", "start reference-redis"), appliance.engine.calls());
  }

  @Test
  void servicesStartAfterTheirDependenciesAndIndependentOnesDoNotWaitForEachOther() throws Exception {
    StackContainers containers = containers(Map.of());
    // web turns healthy only once the worker (which needs only postgres and redis) runs and the front, which
    // waits for web, exists: a start that went one service at a time would never get there.
    appliance.engine.healthyWhen("reference-web",
        engine -> engine.called("start reference-worker") && engine.called("create reference-front"));

    containers.start(StartOrder.of(stack));

    assertTrue(index("start reference-postgres") < index("start reference-web"));
    assertTrue(index("start reference-redis") < index("start reference-web"));
    assertTrue(index("start reference-redis") < index("start reference-worker"));
    assertTrue(index("start reference-web") < index("start reference-front"), "the front waits for web's health");
    assertTrue(appliance.engine.inspect("reference-front").orElseThrow().running());
  }

  @Test
  void aServiceWaitingForItsDependencyDoesNotHoldUpAnotherBranch() throws Exception {
    // a and b are independent; c waits for a, d for b. a turns healthy only once d runs: waits held one at a
    // time (c's before d's) would never get there.
    Path file = java.nio.file.Files.writeString(dir.resolve("branches.yml"), String.join("\n",
        "name: branches",
        "x-appliance: {web: {service: c, port: 80}}",
        "services:",
        "  a: {image: 'img/a:1', healthcheck: {test: [CMD, 'true'], interval: 1s, timeout: 1s, retries: 3}}",
        "  b: {image: 'img/b:1', healthcheck: {test: [CMD, 'true'], interval: 1s, timeout: 1s, retries: 3}}",
        "  c: {image: 'img/c:1', depends_on: {a: {condition: service_healthy}}}",
        "  d: {image: 'img/d:1', depends_on: {b: {condition: service_healthy}}}", ""));
    appliance = new FakeAppliance(dir.resolve("fake"), file);
    stack = StackFile.read(file, Interpolation.deferred());
    appliance.engine.healthyWhen("branches-a", engine -> engine.called("start branches-d"));

    containers(Map.of()).start(StartOrder.of(stack));

    assertTrue(index("start branches-d") < index("start branches-c"));
  }

  @Test
  void aDependencyThatNeverTurnsHealthyFailsTheStartNamingWhatWasAwaitedAndSeen() throws Exception {
    StackContainers containers = containers(Map.of());
    appliance.engine.healthyWhen("reference-web", engine -> false);

    ServiceFailedException failed = assertThrows(ServiceFailedException.class, () -> containers.start(StartOrder.of(stack)));

    assertTrue(failed.getMessage().startsWith("reference-web did not become healthy within 150 s; last seen:"),
        failed.getMessage());
    assertTrue(!appliance.engine.called("start reference-front"), "the front is not started: " + appliance.engine.calls());
  }

  @Test
  void aStopIsReportedByHowItEndedAndOneWithAnErrorOfItsOwnWithItsLastLines() throws Exception {
    StackContainers containers = containers(Map.of());
    containers.start(StartOrder.of(stack));
    // PostgreSQL's PANIC in its shutdown checkpoint (disk full) exits 1; the worker, a JVM, ends by SIGTERM (143);
    // redis would not stop and was killed after the timeout (137); web and the front stop cleanly (0).
    appliance.engine.stopExits("reference-postgres", 1).stopExits("reference-worker", 143)
        .stopExits("reference-redis", 137);

    List<String> badly = containers.stop(StartOrder.of(stack), java.time.Duration.ofSeconds(30));

    assertEquals(List.of("postgres"), badly);
    assertTrue(appliance.log.contains("postgres: stopped badly (exit code 1); its last lines:\n"
        + "postgres | (fake logs of reference-postgres)"), appliance.log.toString());
    assertTrue(appliance.log.contains("redis: killed after 30 s (it did not stop within the timeout)"), appliance.log.toString());
    for (String service : List.of("front", "web", "worker")) {
      assertTrue(appliance.log.contains(service + ": stopped"), service + " in " + appliance.log);
    }
  }

  @Test
  void aOneOffRunIsRemovedAfterItsEndAndItsExitCodeReturned() throws Exception {
    StackContainers containers = containers(Map.of());
    FakeEngine engine = appliance.engine.oneOffExits("-migrate", 3);

    long code = containers.runOnce(containers.spec("web").oneOff("migrate", List.of("migrate")), java.time.Duration.ofMinutes(1));

    assertEquals(3, code);
    assertEquals(List.of("network reference", "create reference-web-migrate", "start reference-web-migrate",
        "remove reference-web-migrate"), engine.calls());
  }
}
