package dev.appliance.steps;

import dev.appliance.storage.DockerDaemonConfig;
import dev.appliance.supervise.SystemctlCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * On the machine's own root: Docker's data root on /volatile/docker, bounded logs and live-restore. A changed data
 * root or log setting, or volumes mounted under it, restart the engine; live-restore alone is applied by a reload,
 * which keeps the containers running. Each leaves a mark first, which only the restart or reload clears.
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
        && !Files.exists(reloadPending(context)) ? Optional.of("configured") : Optional.empty();
  }

  /** Kept from the change until the restart succeeded, so that a crash between the two still restarts Docker. */
  static Path pending(StepContext context) {
    return context.root().runState().resolve("docker-restart-pending");
  }

  /** The same for a change that a reload applies. */
  static Path reloadPending(StepContext context) {
    return context.root().runState().resolve("docker-reload-pending");
  }

  @Override
  public void apply(StepContext context) throws Exception {
    DockerDaemonConfig config = new DockerDaemonConfig(context.root());
    if (Files.exists(pending(context)) || config.change() == DockerDaemonConfig.Change.RESTART) {
      context.root().files().write(pending(context), "rw-r--r--", "");
      config.apply();
      context.log().accept("restarting Docker for its data root on /volatile/docker and bounded logs");
      context.processes().run(SystemctlCommands.restart("docker"), Duration.ofMinutes(5));
      context.root().files().delete(pending(context));
      context.root().files().delete(reloadPending(context));
      return;
    }
    context.root().files().write(reloadPending(context), "rw-r--r--", "");
    config.apply();
    context.log().accept("reloading Docker for live-restore (the containers keep running when dockerd restarts)");
    context.processes().run(SystemctlCommands.reload("docker"), Duration.ofMinutes(1));
    context.root().files().delete(reloadPending(context));
  }
}
