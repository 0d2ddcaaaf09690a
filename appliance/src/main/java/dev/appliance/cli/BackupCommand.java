package dev.appliance.cli;

import dev.appliance.backup.BackupList;
import dev.appliance.backup.BackupRun;
import dev.appliance.backup.BackupRepository;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance backup [list|unlock]}: what appliance-backup.timer runs, and the repository's runs. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {BackupCommand.ListRuns.class, BackupCommand.Unlock.class},
    description = {"Backs up the database (pg_dump, streamed) and /data into the restic repository appliance/backup/url"
        + " names, then verifies the run (restic check, a seventh of the packs read in turn, all monthly, the dump read"
        + " back) and applies appliance/backup/retention. Only a verified run counts. Exit codes: 0 verified, 1 failed"
        + " (alerted as backup/failed; the application keeps serving), 2 bad input."})
final class BackupCommand extends StepCommand {

  @Option(names = "--wait", paramLabel = "SECONDS", description = "How long to wait for a restore, restore drill or update"
      + " that holds the work lock (default: 900).")
  long waitSeconds = BackupRun.LOCK_PATIENCE.toSeconds();

  @Override
  int run(Installation installation) throws Exception {
    if (waitSeconds < 0) {
      throw new Cli.BadInputException("--wait takes a number of seconds, 0 or more, not " + waitSeconds);
    }
    return new BackupRun(installation, terminal(top())).run(Duration.ofSeconds(waitSeconds));
  }

  /** The terminal progress is rewritten on, if this runs on one (not under systemd). */
  static Optional<java.io.PrintWriter> terminal(ApplianceCommand top) {
    return System.console() == null ? Optional.empty() : Optional.of(top.spec.commandLine().getErr());
  }

  /** {@code appliance backup list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Lists the backup runs in the repository: time, run, size, whether verified, versions, snapshots."})
  static final class ListRuns extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      var out = top().spec.commandLine().getOut();
      BackupList.lines(installation.root(), ActiveEnv.require(installation.root()).config(), installation.processes())
          .forEach(out::println);
      return Cli.OK;
    }
  }

  /** {@code appliance backup unlock}. */
  @Command(name = "unlock", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Removes every lock in the backup repository, also one a live process holds: only once whoever"
          + " holds it (another machine, a restic run by hand) is gone for good. A backup removes the stale locks of"
          + " its own runs by itself."})
  static final class Unlock extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      installation.hold(ApplianceLock.WORK, "backup unlock");
      BackupRepository.removeAllLocks(installation.root(), ActiveEnv.require(installation.root()).config(),
          installation.processes());
      installation.log().accept("backup: every lock in the repository removed");
      return Cli.OK;
    }
  }
}
