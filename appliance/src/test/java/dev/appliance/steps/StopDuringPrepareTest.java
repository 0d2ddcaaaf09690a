package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.containers.ServiceFailedException;
import dev.appliance.engine.ContainerState;
import dev.appliance.failure.FailureFlag;
import dev.appliance.support.Eventually;
import dev.appliance.support.FakeAppliance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appliance stop} while prepare-app works: it ends as stopped, not failed, and leaves no container running. */
class StopDuringPrepareTest {

  @TempDir
  Path dir;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Eventually.await(condition, Duration.ofSeconds(10), what);
  }

  private static CompletableFuture<Recipe.Outcome> prepareApp(FakeAppliance appliance) {
    return CompletableFuture.supplyAsync(() -> {
      try (Installation installation = appliance.installation()) {
        return new PrepareApp(installation).run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static void stop(FakeAppliance appliance) throws Exception {
    try (Installation stopping = appliance.installation()) {
      stopping.stop(Duration.ofSeconds(5));
    }
  }

  /** A step that is never done already and does {@code work} when applied. */
  private static Step step(String name, Work work) {
    return new Step() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> satisfied(StepContext context) {
        return Optional.empty();
      }

      @Override
      public void apply(StepContext context) throws Exception {
        work.run();
      }
    };
  }

  private interface Work {
    void run() throws Exception;
  }

  @Test
  void aStopDuringTheMigrationStopsItsContainerAndEndsPrepareAppAsStopped() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    appliance.engine.oneOffRunsUntilStopped("-migrate");
    CompletableFuture<Recipe.Outcome> run = prepareApp(appliance);
    await(() -> appliance.engine.inspect("reference-web-migrate").map(ContainerState::running).orElse(false),
        "the migration running: " + appliance.log);

    stop(appliance);

    assertEquals(Recipe.Outcome.STOPPED, run.get(10, TimeUnit.SECONDS), String.join("\n", appliance.log));
    assertTrue(new FailureFlag(appliance.root, appliance.time).reason().isEmpty(), "a stop is no failure");
    assertTrue(appliance.engine.inspect("reference-web-migrate").isEmpty(), "the one-off container is gone");
    assertTrue(appliance.engine.containers(java.util.Map.of()).stream().noneMatch(ContainerState::running),
        "nothing runs: " + appliance.engine.containers(java.util.Map.of()));
    assertTrue(appliance.log.stream().anyMatch(l -> l.startsWith("prepare-app: stopped, as asked, during migration")),
        String.join("\n", appliance.log));
  }

  @Test
  void aStepThatFailsBecauseOfAStopEndsTheRecipeAsStoppedAndAnyOtherFailureStaysAFailure() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    List<String> ran = new ArrayList<>();
    AtomicBoolean stopMeanwhile = new AtomicBoolean();
    Step waitsForRedis = step("redis", () -> {
      ran.add("redis");
      if (stopMeanwhile.get()) {
        new StopRequest(appliance.root).make(appliance.time.instant()); // an operator's appliance stop, meanwhile
      }
      throw new ServiceFailedException("redis stopped (exit code 0) while starting");
    });
    Step next = step("next", () -> ran.add("next"));
    Recipe recipe = new Recipe("prepare-app", List.of(waitsForRedis, next));
    try (Installation installation = appliance.installation()) {
      assertThrows(ServiceFailedException.class, () -> recipe.run(installation), "no stop: a failure");
      stopMeanwhile.set(true);
      assertEquals(Recipe.Outcome.STOPPED, recipe.run(installation));
    }
    assertEquals(List.of("redis", "redis"), ran, "nothing ran after the stopped step");
    assertTrue(appliance.log.contains("prepare-app: stopped, as asked, during redis (redis stopped (exit code 0)"
        + " while starting)"), appliance.log.toString());
    stopMeanwhile.set(false);
    appliance.time.sleep(Duration.ofSeconds(1));
    try (Installation later = appliance.installation()) {
      assertThrows(ServiceFailedException.class, () -> recipe.run(later), "a stop before this command began is not its stop");
    }
  }

  @Test
  void aStopDuringTheLastStepThatStillSucceededEndsTheRecipeAsStoppedSoThatTheChainGoesNoFurther() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
    Step migratesWhileAStopComes = step("migration",
        () -> new StopRequest(appliance.root).make(appliance.time.instant()));
    try (Installation installation = appliance.installation()) {
      assertEquals(Recipe.Outcome.STOPPED, new Recipe("prepare-app", List.of(migratesWhileAStopComes)).run(installation));
    }
    assertTrue(appliance.log.contains("prepare-app: stopped, as asked, after its last step"), appliance.log.toString());
  }
}
