package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.failure.FailureFlag;
import dev.appliance.steps.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code appliance failed UNIT}: the handler systemd's OnFailure runs. */
@Command(name = "failed", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Puts the appliance in the failed state because UNIT failed: /run/appliance-failed, the failure"
        + " page, an alert, tags/last_failed. Nothing starts again until 'appliance clear-failed'."})
final class FailedCommand extends StepCommand {

  @Parameters(paramLabel = "UNIT", description = "The unit (or step) that failed.")
  String unit;

  @Override
  int run(Installation installation) throws Exception {
    new FailureFlag(installation.root()).raise(unit + " failed", installation.log());
    installation.startFrontIfCreated();
    return Cli.OK;
  }
}
