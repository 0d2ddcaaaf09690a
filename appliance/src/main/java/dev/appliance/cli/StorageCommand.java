package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.steps.Installation;
import dev.appliance.storage.DiskSetup;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code appliance storage setup}: the disks of /data and /volatile. */
@Command(name = "storage", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = StorageCommand.Setup.class, description = "The disks that hold /data and /volatile.")
final class StorageCommand extends CommandGroup {

  /** {@code appliance storage setup DEVICE --data|--volatile [--wipe DEVICE]}. */
  @Command(name = "setup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Formats and labels a new, empty disk as the active env says /data (or /volatile) is: a LUKS2"
          + " container with the env's passphrase and an ext4 inside when encrypted is true, else an ext4 carrying the"
          + " label. Refuses a disk that holds anything (a file system, a partition table, a LUKS header) unless"
          + " --wipe names it again, a disk in use, and a disk other than the env's device. On a test root it prints"
          + " what it would run.", "Exit codes: 0 set up, 1 failed, 2 bad input (nothing written)."})
  static final class Setup extends StepCommand {

    @Parameters(paramLabel = "DEVICE", description = "The disk, such as /dev/vdb (see the disks with: lsblk).")
    String device;

    @ArgGroup(multiplicity = "1")
    Volume volume;

    /** Which of the env's volumes the disk is for. */
    static final class Volume {
      @Option(names = "--data", required = true, description = "The disk is for /data (appliance/storage/data).")
      boolean data;

      @Option(names = "--volatile", required = true,
          description = "The disk is for /volatile (appliance/storage/volatile).")
      boolean volatileStorage;
    }

    @Option(names = "--wipe", paramLabel = "DEVICE",
        description = "Erase what DEVICE holds first; must name the same device again.")
    Optional<String> wipe;

    @Override
    int run(Installation installation) throws Exception {
      installation.hold(ApplianceLock.EXCLUSIVE, "storage setup");
      EnvConfig.StorageConfig storage = ActiveEnv.require(installation.root()).config().appliance().storage();
      String key = volume.data ? "data" : "volatile";
      DiskSetup.of(installation.root(), installation.processes(), installation.log())
          .setup(hostPath(installation, device), key, volume.data ? storage.data() : storage.volatileStorage(),
              wipe.map(w -> hostPath(installation, w)));
      return Cli.OK;
    }

    private static Path hostPath(Installation installation, String device) {
      try {
        return installation.root().resolve(device);
      } catch (IllegalArgumentException e) {
        throw new Cli.BadInputException("'" + device + "' is not a device's absolute path; give one such as /dev/vdb"
            + " (see the disks with: lsblk)");
      }
    }
  }
}
