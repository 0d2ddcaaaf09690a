package dev.appliance.cli;

import dev.appliance.backup.RestoreDrill;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance restore-drill --now}: what appliance-restore-drill.timer runs weekly. */
@Command(name = "restore-drill", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Restores the latest backup run into a throwaway directory on /volatile and a throwaway database"
        + " container of the stack's own image, and checks the files, the dump and every table's row count against"
        + " the run's manifest; the appliance keeps serving. Exit codes: 0 passed, 1 failed (alerted as backup/drill),"
        + " 2 bad input."})
final class RestoreDrillCommand extends StepCommand {

  @Option(names = "--now", required = true, description = "Run the drill now (the timer runs it weekly).")
  boolean now;

  @Override
  int run(Installation installation) throws Exception {
    return new RestoreDrill(installation).run();
  }
}
