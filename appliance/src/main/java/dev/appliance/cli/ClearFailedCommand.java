package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.supervise.SystemctlCommands;
import dev.appliance.failure.FailureFlag;
import dev.appliance.steps.Installation;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code appliance clear-failed}. */
@Command(name = "clear-failed", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = "Clears the failed state, so that the appliance may start again (systemctl start appliance).")
final class ClearFailedCommand extends StepCommand {

  @Override
  int run(Installation installation) throws Exception {
    boolean was = new FailureFlag(installation.root(), installation.clock()).clear(installation.alerts());
    if (installation.underSystemd()) {
      // Otherwise a unit that hit its start limit would refuse 'systemctl start appliance' for a while yet.
      installation.processes().run(SystemctlCommands.resetFailed(List.of("appliance.service", "prepare-env.service",
          "prepare-appliance.service", "prepare-app.service")), Duration.ofSeconds(30));
    }
    installation.log().accept(was ? "failed state cleared; start the appliance again: systemctl start appliance"
        : "the appliance was not in the failed state");
    return Cli.OK;
  }
}
