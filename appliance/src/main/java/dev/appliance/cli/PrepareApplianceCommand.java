package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareAppliance;
import picocli.CommandLine.Command;

/** {@code appliance prepare-appliance}. */
@Command(name = "prepare-appliance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Prepares the host from the active env: storage (/data, /volatile, label mounts, free space), TLS"
        + " material, and the front proxy, started with the 'starting' page."})
final class PrepareApplianceCommand extends StepCommand {

  @Override
  int run(Installation installation) throws Exception {
    // Stopped, as asked, is a success too: systemd's OnFailure= stays quiet for an operator's stop.
    new PrepareAppliance(installation).run();
    return Cli.OK;
  }
}
