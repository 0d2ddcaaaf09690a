package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code appliance}: runs and supervises the application on this machine. */
@Command(name = "appliance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = ImagesCommand.class,
    usageHelpAutoWidth = true,
    description = {"Runs and supervises a containerised application on this machine, one subcommand per systemd unit.",
        "", "Exit codes: 0 ok, 1 failure, 2 bad input."})
public final class ApplianceCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  public static void main(String... args) {
    Cli.main(new ApplianceCommand(), args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }
}
