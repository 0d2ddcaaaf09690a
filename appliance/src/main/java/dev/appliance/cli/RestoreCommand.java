package dev.appliance.cli;

import dev.appliance.backup.Restore;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance restore}: a backup run put back onto this appliance. */
@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Restores a backup run onto this appliance, booted from the same env (or its recovery sheet): stops"
        + " the application, restores the files and checks them against the run's manifest, creates the database"
        + " afresh and restores its dump (checked against the manifest's SHA-256 and row counts), writes the version"
        + " tags and starts the appliance. Refuses a /data that holds data unless --force, which moves it aside."
        + " Exit codes: 0 restored, 1 failed (the application is not started), 2 bad input (nothing changed)."})
final class RestoreCommand extends StepCommand {

  @Option(names = "--snapshot", paramLabel = "ID", defaultValue = "latest",
      description = "The run to restore: latest (default), a run ID or a snapshot ID (appliance backup list).")
  String snapshot;

  @Option(names = "--force", description = "Restore even if /data holds data: it is moved aside into /data, never deleted.")
  boolean force;

  @Option(names = "--mirror", description = "Restore from appliance/backup/mirror, another appliance's repository"
      + " (a staging appliance's nightly copy of production): what /data holds is moved aside, the aside of the mirror"
      + " restore before removed. Implies --force.")
  boolean mirror;

  @Option(names = "--yes", description = "Do not ask: the restore replaces what the application serves.")
  boolean yes;

  @Override
  int run(Installation installation) throws Exception {
    if (snapshot.isBlank()) {
      throw new Cli.BadInputException("--snapshot needs a run or snapshot ID, or latest (see: appliance backup list)");
    }
    if (!yes) {
      if (System.console() == null) {
        throw new Cli.BadInputException("a restore replaces what the application serves; confirm with --yes");
      }
      var err = top().spec.commandLine().getErr();
      err.print("Restore " + snapshot + " onto " + installation.root().dir() + ", replacing what the application serves? [y/N] ");
      err.flush();
      String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
        throw new Cli.BadInputException("not restored: not confirmed");
      }
    }
    return new Restore(installation).run(snapshot, force, mirror ? Restore.Source.MIRROR : Restore.Source.OWN);
  }
}
