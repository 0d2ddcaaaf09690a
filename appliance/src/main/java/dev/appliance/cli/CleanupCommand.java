package dev.appliance.cli;

import dev.appliance.containers.StackCleanup;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import picocli.CommandLine.Command;

/** {@code appliance cleanup}. */
@Command(name = "cleanup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Removes the appliance's own stopped containers and its dangling images: only what carries the"
        + " labels appliance.managed=true and the stack's appliance.stack, never anything else on this engine."})
final class CleanupCommand extends StepCommand {

  @Override
  int run(Installation installation) throws Exception {
    installation.log().accept(new StackCleanup(installation.engine(), installation.stackShape(), installation.log()).run());
    return Cli.OK;
  }
}
