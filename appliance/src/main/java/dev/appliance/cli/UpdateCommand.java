package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.os.OsUpdate;
import dev.appliance.steps.Installation;
import dev.appliance.update.Update;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance update}: what appliance-update.service runs. */
@Command(name = "update", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Updates the application to a new version: from the image archive given, the stack file given, or"
        + " for images named with a registry, a pull. An unfinished update is resumed or rolled back first. After a"
        + " preflight and a backup (a failed backup means no update), a version without a migration is switched in"
        + " without a failed request; one with a migration runs behind the maintenance page and rolls back on its own"
        + " when anything fails. The journal is /data/etc/update.json. Exit codes: 0 updated or nothing to do, 1 failed"
        + " or rolled back (alerted as update/failed), 2 bad input (nothing changed)."})
final class UpdateCommand extends StepCommand {

  @Option(names = "--images", paramLabel = "FILE", description = "An image archive to load first ('appliance images save').")
  Path images;

  @Option(names = "--stack", paramLabel = "FILE", description = "The new stack file (default: the one the appliance runs).")
  Path stack;

  @Option(names = "--check", description = "Say what would change and how, and change nothing.")
  boolean check;

  @Option(names = "--os", description = "Update Docker's held-back packages instead (docker.io, containerd, runc),"
      + " restart dockerd if it changed, health-gate the application, and reboot in the update/reboot window if"
      + " /run/reboot-required says so.")
  boolean os;

  @Option(names = "--scheduled", description = "What appliance-update.service runs (its timer only with"
      + " update/automatic, or systemctl start appliance-update): the application (images named with a registry pulled"
      + " again), then --os.")
  boolean scheduled;

  @Override
  int run(Installation installation) throws Exception {
    var out = top().spec.commandLine().getOut();
    if (os && (images != null || stack != null || check || scheduled)) {
      throw new Cli.BadInputException("--os updates the machine's Docker packages alone; run it without --images,"
          + " --stack, --check and --scheduled");
    }
    if (os) {
      new OsUpdate(installation).run();
      return Cli.OK;
    }
    Update.Request request = new Update.Request(Optional.ofNullable(images), Optional.ofNullable(stack), check);
    int code = new Update(installation, BackupCommand.terminal(top())).run(request, out::println);
    if (scheduled && code == Cli.OK) {
      new OsUpdate(installation).run();
    }
    return code;
  }
}
