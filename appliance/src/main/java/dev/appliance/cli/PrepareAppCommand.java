package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareApp;
import picocli.CommandLine.Command;

/** {@code appliance prepare-app}. */
@Command(name = "prepare-app", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Builds every image of the stack first; on a new version, dumps the database to /data/pgdump and"
        + " runs the stack's migration."})
final class PrepareAppCommand extends StepCommand {

  @Override
  int run(Installation installation) throws Exception {
    // Stopped, as asked, is a success too: systemd's OnFailure= stays quiet for an operator's stop.
    new PrepareApp(installation).run();
    return Cli.OK;
  }
}
