package dev.appliance.storage;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Mounts {@code /data} and {@code /volatile} from file systems found by label (or device) when the env asks, unless
 * {@code ignore} is set, in which case they are plain directories on the root file system. An encrypted volume is a
 * LUKS2 container (the label is the container's), opened with the env's passphrase as /dev/mapper/appliance-data (or
 * -volatile) first. A disk that is not what the env says is refused before anything is done to it.
 */
public final class StorageMounts {

  private final HostRoot root;
  private final ProcessRunner processes;
  private final Consumer<String> log;

  public StorageMounts(HostRoot root, ProcessRunner processes, Consumer<String> log) {
    this.root = root;
    this.processes = processes;
    this.log = log;
  }

  /** The mount points the env asks for that are not mounted yet. */
  public List<String> pending(EnvConfig.StorageConfig storage) throws IOException {
    List<String> pending = new java.util.ArrayList<>();
    if (!storage.data().ignore() && !isMountPoint(root.resolve("/data"))) {
      pending.add("/data");
    }
    if (!storage.volatileStorage().ignore() && !isMountPoint(root.resolve("/volatile"))) {
      pending.add("/volatile");
    }
    return pending;
  }

  /** Mounts both volumes as the env asks. */
  public void apply(EnvConfig.StorageConfig storage) throws IOException {
    mount(storage.data(), "/data", "data");
    mount(storage.volatileStorage(), "/volatile", "volatile");
  }

  private void mount(EnvConfig.Volume volume, String mountPoint, String key) throws IOException {
    if (volume.ignore()) {
      return;
    }
    Path target = root.resolve(mountPoint);
    root.files().createDirectories(target);
    if (isMountPoint(target)) {
      log.accept(mountPoint + ": already mounted");
      return;
    }
    Path device = device(root, volume);
    if (!Files.exists(device)) {
      throw new Cli.BadInputException("there is no " + (volume.encrypted() ? "LUKS2 container " : "file system ") + device
          + " for " + mountPoint + "; attach the disk (labelled '" + volume.label() + "'; a new one is set up with:"
          + " appliance storage setup DEVICE --" + key + "), or set appliance/storage/" + key + "/ignore: true in"
          + " env.yml to keep " + mountPoint + " on the root file system");
    }
    requireKind(volume, device, mountPoint, key);
    Path source = volume.encrypted() ? open(volume, device, key) : device;
    processes.run(MountCommands.mount(source, target), Duration.ofMinutes(2));
    log.accept(mountPoint + ": mounted " + source + (volume.encrypted() ? " (opened from " + device + ")" : ""));
  }

  /** The disk the env names for {@code volume}: its device, else the one carrying its label. */
  static Path device(HostRoot root, EnvConfig.Volume volume) {
    return volume.device().map(root::resolve).orElse(root.resolve("/dev/disk/by-label/" + volume.label()));
  }

  /** The name {@code /data}'s (or {@code /volatile}'s) container is opened under, in /dev/mapper. */
  static String mapperName(String key) {
    return "appliance-" + key;
  }

  /** Refuses a disk that is not what the env says (LUKS2, or a plain file system) before anything is done to it. */
  private void requireKind(EnvConfig.Volume volume, Path device, String mountPoint, String key) throws IOException {
    Optional<String> type = new DiskProbe(processes).type(device);
    String setup = "appliance storage setup " + device + " --" + key;
    if (volume.encrypted() && !type.equals(Optional.of(DiskProbe.LUKS))) {
      throw new Cli.BadInputException(device + " for " + mountPoint + " holds " + type.orElse("no file system")
          + ", not the LUKS2 container appliance/storage/" + key + "/encrypted asks for; it was not changed. A new disk"
          + " is set up with: " + setup + " (add --wipe " + device + " to erase what it holds); a disk that holds "
          + mountPoint + " unencrypted needs encrypted: false in env.yml");
    }
    if (!volume.encrypted() && type.isEmpty()) {
      throw new Cli.BadInputException(device + " for " + mountPoint + " holds no file system; set it up: " + setup);
    }
    if (!volume.encrypted() && type.get().equals(DiskProbe.LUKS)) {
      throw new Cli.BadInputException(device + " for " + mountPoint + " is a LUKS2 container, but appliance/storage/"
          + key + "/encrypted is false; set encrypted: true in env.yml, with the passphrase it was set up with");
    }
  }

  /** Opens the container unless it is open already; the device it is open as. */
  private Path open(EnvConfig.Volume volume, Path device, String key) throws IOException {
    String name = mapperName(key);
    Path mapped = root.resolve("/dev/mapper/" + name);
    if (Files.exists(mapped)) {
      log.accept("/" + key + ": " + mapped + " is open already");
      return mapped;
    }
    Secret passphrase = volume.passphrase().orElseThrow(() -> new Cli.BadInputException("appliance/storage/" + key
        + "/encrypted is true but there is no appliance/storage/" + key + "/passphrase in env.yml"));
    try (KeyFile keyFile = KeyFile.write(root, passphrase)) {
      processes.run(CryptCommands.open(device, name, keyFile.path()), Duration.ofMinutes(2));
    } catch (ProcessRunner.ProcessException e) {
      if (e.exitCode() == CryptCommands.NO_USABLE_KEY) {
        throw new Cli.BadInputException("appliance/storage/" + key + "/passphrase does not open " + device
            + " (no key slot accepts it); the disk was not changed. Boot with the env this disk was set up with (its"
            + " recovery sheet has it), or, if the disk is new and may be erased: appliance storage setup " + device
            + " --" + key + " --wipe " + device);
      }
      throw e;
    }
    log.accept("/" + key + ": opened " + device + " as " + mapped);
    return mapped;
  }

  /** Whether {@code path} is a mount point, from the kernel's mount table. */
  static boolean isMountPoint(Path path) throws IOException {
    Path mounts = Path.of("/proc/self/mountinfo");
    if (!Files.isReadable(mounts) || !Files.exists(path)) {
      return false;
    }
    String wanted = path.toRealPath().toString();
    try (var lines = Files.lines(mounts)) {
      // Field 5 is the mount point, with spaces escaped as \040.
      return lines.map(l -> l.split(" ")).filter(f -> f.length > 4)
          .anyMatch(f -> f[4].replace("\\040", " ").equals(wanted));
    }
  }
}
