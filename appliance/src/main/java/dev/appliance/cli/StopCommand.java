package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance stop}. */
@Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Stops the stack's containers (a running migration first, then the services in the reverse of"
        + " their start order); a running supervisor, or a prepare step at work, then ends as stopped.",
        "Under systemd it also stops the appliance's units, so that the chain does not go on to start the application.",
        "Exits 1 if a service stopped badly: with an error of its own, not by the stop signal or the timeout's kill."})
final class StopCommand extends StepCommand {

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "How long each service may take to stop before it is killed (default: 30).")
  int timeout;

  @Override
  int run(Installation installation) throws Exception {
    List<String> badly = installation.stop(Duration.ofSeconds(timeout));
    if (!badly.isEmpty()) {
      installation.log().accept("stopped, but " + String.join(", ", badly) + " did not stop cleanly: read the lines above"
          + " before starting again, and free space first if a disk is full (appliance status)");
      return Cli.FAILURE;
    }
    installation.log().accept("stopped");
    return Cli.OK;
  }
}
