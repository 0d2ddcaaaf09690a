package dev.appliance.steps;

import dev.appliance.storage.DockerDaemonConfig;
import dev.appliance.supervise.SystemctlCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * On the machine's own root: Docker's data root on /volatile/docker and bounded logs, with a restart of the engine
 * when that changed or the volumes were mounted under it (both leave a mark first, which only the restart clears).
 */
final class ConfigureDocker implements Step {

  @Override
  public String name() {
    return "docker configuration";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!context.root().isSystem()) {
      return Optional.of("left to the machine (this is not its own root)");
    }
    return new DockerDaemonConfig(context.root()).current() && !Files.exists(pending(context))
        ? Optional.of("configured") : Optional.empty();
  }

  /** Kept from the change until the restart succeeded, so that a crash between the two still restarts Docker. */
  static Path pending(StepContext context) {
    return context.root().runState().resolve("docker-restart-pending");
  }

  @Override
  public void apply(StepContext context) throws Exception {
    context.root().files().write(pending(context), "rw-r--r--", "");
    new DockerDaemonConfig(context.root()).apply();
    context.log().accept("restarting Docker for its data root on /volatile/docker and bounded logs");
    context.processes().run(SystemctlCommands.restart("docker"), Duration.ofMinutes(5));
    context.root().files().delete(pending(context));
  }
}
