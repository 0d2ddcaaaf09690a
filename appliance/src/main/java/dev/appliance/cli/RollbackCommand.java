package dev.appliance.cli;

import dev.appliance.env.cli.VersionProvider;
import dev.appliance.steps.Installation;
import dev.appliance.update.Rollback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance rollback}: back to the version before the last update, by hand. */
@Command(name = "rollback", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Goes back to the version the last update came from. After an update with a migration the database"
        + " is restored from the dump taken before it: every write since is lost, which this says, and asks for --yes."
        + " After one without a migration it switches back without downtime. Exit codes: 0 rolled back, 1 failed,"
        + " 2 bad input (nothing changed)."})
final class RollbackCommand extends StepCommand {

  @Option(names = "--yes", description = "Restore the database from the dump before the update, losing the writes since.")
  boolean yes;

  @Override
  int run(Installation installation) throws Exception {
    var out = top().spec.commandLine().getOut();
    return new Rollback(installation).run(yes, out::println);
  }
}
