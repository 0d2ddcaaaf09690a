package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.steps.Installation;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code appliance maintenance on|off [MESSAGE]}. */
@Command(name = "maintenance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"'on' shows the maintenance page (503, Retry-After) with MESSAGE to every visitor until 'off';"
        + " the application keeps running behind it."})
final class MaintenanceCommand extends StepCommand {

  @Parameters(index = "0", paramLabel = "on|off", description = "on or off.")
  String action;

  @Parameters(index = "1..*", paramLabel = "MESSAGE", arity = "0..*", description = "What visitors read.")
  List<String> message = List.of();

  @Override
  int run(Installation installation) throws Exception {
    MaintenancePage page = new MaintenancePage(installation.root(), installation.clock());
    switch (action) {
      case "on" -> {
        page.operatorOn(message.isEmpty() ? "The application is down for maintenance." : String.join(" ", message));
        installation.startFrontIfCreated();
        installation.log().accept("maintenance on: visitors get the maintenance page until 'appliance maintenance off'");
      }
      case "off" -> {
        new FailureFlag(installation.root(), installation.clock()).refuseIfRaised("maintenance off");
        page.operatorOff();
        installation.log().accept("maintenance off");
      }
      default -> throw new Cli.BadInputException("'" + action + "' is neither on nor off; write: appliance maintenance on|off [MESSAGE]");
    }
    return Cli.OK;
  }
}
