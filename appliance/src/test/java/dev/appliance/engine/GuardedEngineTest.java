package dev.appliance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.StackContainers;
import dev.appliance.containers.StackCleanup;
import dev.appliance.images.ImageLabels;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.FakeEngine;
import dev.appliance.support.TestEnvs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuardedEngineTest {

  @TempDir
  Path dir;

  private StackContainers containers(FakeAppliance appliance, Engine engine) throws Exception {
    Stack stack = StackFile.read(TestEnvs.STACK, Interpolation.deferred());
    return new StackContainers(engine, stack, appliance.root, Map.of(), appliance.time, appliance.time, line -> {});
  }

  @Test
  void aForeignContainerNamedLikeOneOfTheStacksIsLeftAloneAndReported() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine.withContainer("reference-redis", Map.of("com.example.owner", "someone"), true);
    List<String> log = new ArrayList<>();
    StackContainers containers = containers(appliance, new GuardedEngine(fake, log::add));

    ForeignResourceException refused = assertThrows(ForeignResourceException.class, () -> containers.ensureRunning("redis"));

    assertTrue(refused.getMessage().contains("reference-redis"), refused.getMessage());
    assertTrue(refused.getMessage().contains("docker rm -f reference-redis"), refused.getMessage());
    assertEquals(Map.of("com.example.owner", "someone"), fake.inspect("reference-redis").orElseThrow().labels());
    assertTrue(fake.inspect("reference-redis").orElseThrow().running());
    assertFalse(fake.calls().stream().anyMatch(c -> c.startsWith("remove") || c.startsWith("stop")), fake.calls().toString());
  }

  @Test
  void anotherStacksContainerIsNotRemovedEvenWithTheApplianceLabel() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine.withContainer("reference-web", ImageLabels.of("other", "web"), false);
    Engine guarded = new GuardedEngine(fake, line -> {});

    ForeignResourceException refused = assertThrows(ForeignResourceException.class,
        () -> guarded.remove("reference-web", "reference", "test"));
    assertTrue(refused.getMessage().contains("'other'"), refused.getMessage());
    assertTrue(fake.inspect("reference-web").isPresent());
  }

  @Test
  void cleanupRemovesOnlyTheStacksOwnStoppedContainersAndLogsWhy() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine
        .withContainer("reference-web", ImageLabels.of("reference", "web"), false)
        .withContainer("reference-redis", ImageLabels.of("reference", "redis"), true)
        .withContainer("other-web", ImageLabels.of("other", "web"), false)
        .withContainer("unlabelled", Map.of(), false);
    List<String> log = new ArrayList<>();
    Stack stack = StackFile.read(TestEnvs.STACK, Interpolation.deferred());

    new StackCleanup(new GuardedEngine(fake, log::add), stack, log::add).run();

    assertEquals(List.of("remove reference-web"), fake.calls());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("removing container reference-web: cleanup")), log.toString());
  }

  @Test
  void aContainerOfTheStackWithAnOutdatedSpecificationIsRecreatedAndTheRemovalLogged() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine;
    Map<String, String> labels = new java.util.HashMap<>(ImageLabels.of("reference", "redis"));
    labels.put(ContainerSpec.CONFIG_LABEL, "an older hash");
    fake.withContainer("reference-redis", labels, true);
    List<String> log = new ArrayList<>();

    containers(appliance, new GuardedEngine(fake, log::add)).ensureRunning("redis");

    assertEquals(List.of("remove reference-redis", "create reference-redis", "start reference-redis"), fake.calls());
    assertTrue(log.stream().anyMatch(l -> l.equals("removing container reference-redis: its image or settings changed")),
        log.toString());
  }

  @Test
  void anImageOfAnotherStackOrWithoutTheLabelIsNeverRemoved() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine
        .withDangling("sha256:ours", ImageLabels.of("reference", "web"))
        .withDangling("sha256:theirs", ImageLabels.of("other", "web"))
        .withDangling("sha256:unlabelled", Map.of());
    Engine guarded = new GuardedEngine(fake, line -> {});
    Stack stack = StackFile.read(TestEnvs.STACK, Interpolation.deferred());

    new StackCleanup(guarded, stack, line -> {}).run();

    assertEquals(List.of("remove image sha256:ours"), fake.calls());
    assertThrows(ForeignResourceException.class, () -> guarded.removeImage("sha256:theirs", "reference", "test"));
    assertThrows(ForeignResourceException.class, () -> guarded.removeImage("sha256:unlabelled", "reference", "test"));
    assertEquals(List.of("remove image sha256:ours"), fake.calls());
  }

  @Test
  void cleanupKeepsAContainerThatRunsAgainByTheTimeItIsRemoved() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine.withContainer("reference-worker", ImageLabels.of("reference", "worker"), true);
    Engine guarded = new GuardedEngine(fake, line -> {});

    assertEquals(false, guarded.removeStopped("id-reference-worker", "reference", "cleanup"));
    assertTrue(fake.inspect("reference-worker").orElseThrow().running());
  }

  @Test
  void stoppingLeavesAForeignContainerBearingAStackNameRunning() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    FakeEngine fake = appliance.engine.withContainer("reference-redis", Map.of(), true);
    List<String> log = new ArrayList<>();
    Stack stack = StackFile.read(TestEnvs.STACK, Interpolation.deferred());

    containers(appliance, new GuardedEngine(fake, log::add)).stop(List.of(stack.services().get("redis")),
        java.time.Duration.ofSeconds(5));

    assertTrue(fake.inspect("reference-redis").orElseThrow().running());
    assertTrue(log.stream().anyMatch(l -> l.startsWith("left running: the container reference-redis")), log.toString());
  }
}
