package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.supervise.SystemctlCommands;
import dev.appliance.failure.FailureFlag;
import dev.appliance.steps.Installation;
import java.time.Duration;
import java.util.List;
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
    if (!failedItself(installation)) {
      // systemd also runs OnFailure= for a unit whose start job failed because a unit it needs failed; that unit
      // has its own handler (or, like prepare-env with an invalid env, shows its own page).
      installation.log().accept(unit + " did not fail itself (a unit it needs did): the failed state is not raised for it");
      return Cli.OK;
    }
    new FailureFlag(installation.root(), installation.clock()).raise(cause(), unit + " failed",
        installation.alerts(), installation.log());
    installation.startFrontIfCreated();
    return Cli.OK;
  }

  /** The unit as the failure alert's key names it: {@code failed/prepare-app}. */
  private String cause() {
    return unit.replaceFirst("\\.service$", "").replaceAll("[^A-Za-z0-9._/-]", "-");
  }

  /** Whether systemd has {@code unit} in the failed state; always true off systemd (a test root, a manual call). */
  private boolean failedItself(Installation installation) {
    if (!installation.underSystemd() || !unit.contains(".")) {
      return true;
    }
    try {
      String state = installation.processes().run(SystemctlCommands.activeState(unit), Duration.ofSeconds(30))
          .stdout().strip();
      return !state.equals("inactive") && !state.equals("active");
    } catch (ProcessRunner.ProcessException e) {
      return true;
    }
  }
}
