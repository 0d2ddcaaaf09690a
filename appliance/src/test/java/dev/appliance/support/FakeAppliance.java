package dev.appliance.support;

import dev.appliance.engine.GuardedEngine;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.images.ImageLabels;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.steps.Installation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An installation of the project's stack in a temporary root with every seam faked: the engine in memory (with the
 * stack's images present), programs recorded, time that moves only when something waits, owners recorded. The
 * active env is a real one from env-new.
 */
public final class FakeAppliance {

  public final Path dir;
  public final FakeEngine engine = new FakeEngine();
  public final RecordingProcesses processes = new RecordingProcesses();
  public final FakeTime time = new FakeTime(Instant.parse("2026-12-01T10:00:00Z"));
  public final RecordedOwners owners = new RecordedOwners();
  public final List<String> log = new CopyOnWriteArrayList<>();
  public final HostRoot root;
  private final Path stackFile;

  public FakeAppliance(Path dir, Path stackFile) throws Exception {
    this.dir = dir;
    this.stackFile = stackFile;
    this.root = new HostRoot(dir.resolve("root"), owners);
    Stack shape = StackFile.read(stackFile, Interpolation.deferred());
    StackImages.names(shape).forEach((image, service) -> engine.withImage(image, ImageLabels.of(shape.name(), service)));
  }

  /** The project's own stack. */
  public static FakeAppliance ofProjectStack(Path dir) throws Exception {
    return new FakeAppliance(dir, TestEnvs.STACK);
  }

  /** Makes a localhost env the active env, as prepare-env would. */
  public FakeAppliance withActiveEnv() throws IOException {
    return withActiveEnv(TestEnvs.localhost(dir.resolve("env")));
  }

  /** Makes the env at {@code env} the active env. */
  public FakeAppliance withActiveEnv(Path env) throws IOException {
    ActiveEnv.write(root, "test", Files.readAllBytes(env), time.instant());
    return this;
  }

  /** The localhost env with {@code alertLines} as its appliance/alert section, written to dir/alert-env.yml. */
  public Path envWithAlert(String... alertLines) throws IOException {
    return TestEnvs.withAlert(TestEnvs.localhost(dir.resolve("env")), dir.resolve("alert-env.yml"), alertLines);
  }

  public Installation installation() {
    return new Installation(root, new Installation.Settings(stackFile, null, 8080, 8443, 0), processes, time, time,
        log::add, line -> new GuardedEngine(engine, line));
  }
}
