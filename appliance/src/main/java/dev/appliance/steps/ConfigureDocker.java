package dev.appliance.steps;

import dev.appliance.storage.DockerDaemonConfig;
import dev.appliance.supervise.SystemctlCommands;
import java.time.Duration;
import java.util.Optional;

/**
 * On the machine's own root: Docker's data root on /volatile/docker and bounded logs, with a restart of the engine
 * when that changed or the volumes were just mounted under it.
 */
final class ConfigureDocker implements Step {

  private final MountVolumes mounts;

  ConfigureDocker(MountVolumes mounts) {
    this.mounts = mounts;
  }

  @Override
  public String name() {
    return "docker configuration";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!context.root().isSystem()) {
      return Optional.of("left to the machine (this is not its own root)");
    }
    return new DockerDaemonConfig(context.root()).current() && !mounts.mountedNow()
        ? Optional.of("configured") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    new DockerDaemonConfig(context.root()).apply();
    context.log().accept("restarting Docker for its data root on /volatile/docker and bounded logs");
    context.processes().run(SystemctlCommands.restart("docker"), Duration.ofMinutes(5));
  }
}
