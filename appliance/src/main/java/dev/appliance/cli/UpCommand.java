package dev.appliance.cli;

import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.cli.Cli;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareApp;
import dev.appliance.steps.PrepareAppliance;
import dev.appliance.steps.PrepareEnv;
import dev.appliance.steps.Recipe;
import dev.appliance.supervise.Supervisor;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code appliance up}: the whole chain in one process, for a machine without the systemd units. */
@Command(name = "up", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Runs the whole chain in the foreground: prepare-env, prepare-appliance, prepare-app, then run",
        "(as the systemd units do one by one). Ctrl-C stops the application cleanly."})
final class UpCommand extends StepCommand {

  @Option(names = "--env", paramLabel = "FILE", description = "Use this env file before any other source.")
  Path env;

  @Option(names = "--metadata-url", paramLabel = "URL", defaultValue = "none",
      description = "The metadata service to ask for an env, or 'none' (default: none).")
  String metadataUrl;

  @Mixin
  RunCommand.SupervisorOptions supervising;

  @Override
  boolean createsRoot() {
    return true;
  }

  @Override
  int run(Installation installation) throws Exception {
    // The supervisor's lock first: a second up on a serving appliance is refused before it changes anything.
    installation.hold(ApplianceLock.SUPERVISOR, "up");
    PrepareEnv.Outcome outcome = new PrepareEnv(installation, Optional.ofNullable(env),
        PrepareEnvCommand.metadata(metadataUrl)).run();
    // A stop that came meanwhile ends the chain where it is, as stopped.
    if (installation.stopRequested() || new PrepareAppliance(installation).run() == Recipe.Outcome.STOPPED) {
      return Cli.OK;
    }
    if (outcome == PrepareEnv.Outcome.STANDBY || new PrepareApp(installation).run() == Recipe.Outcome.STOPPED) {
      return Cli.OK;
    }
    return supervising.supervisor(installation).run();
  }
}
