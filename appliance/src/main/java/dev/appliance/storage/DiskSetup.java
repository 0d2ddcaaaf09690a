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
import java.util.function.Predicate;

/**
 * Makes a new, empty disk what the env says {@code /data} (or {@code /volatile}) is: a LUKS2 container carrying the
 * label with an unlabelled ext4 inside (so that /dev/disk/by-label finds only the container), or an ext4 carrying the
 * label. Every refusal comes before anything is written; a disk that holds anything is erased only when asked twice
 * (the device, then {@code --wipe} naming it again). On a test root it prints what it would run instead.
 */
public final class DiskSetup {

  // Large disks: mkfs initialises its tables lazily, but the first pass still writes across the disk.
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private final HostRoot root;
  private final ProcessRunner processes;
  private final Consumer<String> log;
  private final Predicate<Path> isBlockDevice;
  private final boolean apply;

  DiskSetup(HostRoot root, ProcessRunner processes, Consumer<String> log, Predicate<Path> isBlockDevice, boolean apply) {
    this.root = root;
    this.processes = processes;
    this.log = log;
    this.isBlockDevice = isBlockDevice;
    this.apply = apply;
  }

  /** Setup on {@code root}: applied on the machine's own root, planned and printed on a test root. */
  public static DiskSetup of(HostRoot root, ProcessRunner processes, Consumer<String> log) {
    return new DiskSetup(root, processes, log, DiskSetup::isBlockDevice, root.isSystem());
  }

  /**
   * Sets up {@code device} for the env's volume {@code key} ({@code data} or {@code volatile}).
   *
   * @param wipe the device again, if what it holds may be erased
   * @throws Cli.BadInputException for a device that is not the env's, not a block device, in use or not empty
   */
  public void setup(Path device, String key, EnvConfig.Volume volume, Optional<Path> wipe) throws IOException {
    if (volume.ignore()) {
      throw new Cli.BadInputException("appliance/storage/" + key + "/ignore is true: /" + key + " stays on the root"
          + " file system; set ignore: false in env.yml (and activate it: appliance prepare-env) first");
    }
    if (wipe.isPresent() && !same(wipe.get(), device)) {
      throw new Cli.BadInputException("--wipe " + wipe.get() + " is not " + device + ": --wipe names the device being"
          + " set up again, to confirm that what it holds may be erased; nothing was written");
    }
    Path wanted = StorageMounts.device(root, volume);
    if (volume.device().isPresent() && !same(wanted, device)) {
      throw new Cli.BadInputException("the env names " + wanted + " for /" + key + " (appliance/storage/" + key
          + "/device), not " + device + "; set up that one, or change the device in env.yml; nothing was written");
    }
    if (apply) {
      requireEmptyAndUnused(device, wanted, volume, key, wipe.isPresent());
    } else {
      if (!java.nio.file.Files.exists(device)) {
        throw new Cli.BadInputException("there is no " + device + "; give a disk such as /dev/sdb or /dev/vdb (see the"
            + " disks with: lsblk); nothing was written");
      }
      log.accept("test root " + root.dir() + ": " + device + " is not touched; on the machine, after checking "
          + String.join(" ", DiskCommands.users(device)) + " and " + String.join(" ", DiskCommands.signatures(device))
          + ", this runs:");
    }
    write(device, key, volume, wipe.isPresent());
    tellWhatNext(device, key, volume);
  }

  private void tellWhatNext(Path device, String key, EnvConfig.Volume volume) {
    log.accept("/" + key + ": " + device + (apply ? " is set up (" : " would be set up (") + (volume.encrypted() ? "LUKS2 container" : "ext4")
        + " labelled '" + volume.label() + "'). Next: restart the appliance (systemctl restart appliance, or appliance"
        + " up): prepare-appliance" + (volume.encrypted() ? " opens it and" : "") + " mounts it on /" + key + ", hiding"
        + " what the root file system's /" + key + " holds (restore a backup onto it if needed: appliance restore)");
    if (volume.encrypted()) {
      log.accept("/" + key + ": its passphrase is appliance/storage/" + key + "/passphrase in the env and nowhere else:"
          + " keep the env's recovery sheet (env-build), without it the disk cannot be read");
    }
  }

  private void requireEmptyAndUnused(Path device, Path wanted, EnvConfig.Volume volume, String key, boolean wipe)
      throws IOException {
    if (!isBlockDevice.test(device)) {
      throw new Cli.BadInputException(device + " is not a block device; give a disk such as /dev/sdb or /dev/vdb (see"
          + " the disks with: lsblk)");
    }
    DiskProbe probe = new DiskProbe(processes);
    Optional<String> use = probe.use(device);
    if (use.isPresent()) {
      throw new Cli.BadInputException(device + " is in use: " + use.get() + "; nothing was written. Give a disk that"
          + " nothing uses (see them with: lsblk)");
    }
    List<String> signatures = probe.signatures(device);
    if (!signatures.isEmpty() && !wipe) {
      throw new Cli.BadInputException(device + " is not empty: it holds " + String.join(", ", signatures) + "; nothing"
          + " was written. If what it holds may be erased: appliance storage setup " + device + " --" + key + " --wipe "
          + device);
    }
    if (volume.device().isEmpty() && Files.exists(wanted) && !same(wanted, device)) {
      throw new Cli.BadInputException("another disk, " + wanted.toRealPath() + ", carries the label '" + volume.label()
          + "' already, so it would be ambiguous; take that disk out, or give this volume another"
          + " label (or its device) in env.yml; nothing was written");
    }
  }

  private void write(Path device, String key, EnvConfig.Volume volume, boolean wipe) throws IOException {
    if (wipe) {
      log.accept("/" + key + ": erasing the signatures on " + device);
      run(DiskCommands.wipe(device));
    }
    if (!volume.encrypted()) {
      log.accept("/" + key + ": making an ext4 file system labelled '" + volume.label() + "' on " + device);
      run(DiskCommands.makeFileSystem(device, Optional.of(volume.label())));
      return;
    }
    Secret passphrase = volume.passphrase().orElseThrow(() -> new Cli.BadInputException("appliance/storage/" + key
        + "/encrypted is true but there is no appliance/storage/" + key + "/passphrase in env.yml"));
    String name = "appliance-setup-" + key;
    try (KeyFile keyFile = KeyFile.write(root, passphrase)) {
      log.accept("/" + key + ": making " + device + " a LUKS2 container labelled '" + volume.label()
          + "' (its key derivation is timed on this machine: some seconds)");
      run(CryptCommands.format(device, volume.label(), keyFile.path()));
      run(CryptCommands.open(device, name, keyFile.path()));
    }
    try {
      log.accept("/" + key + ": making an ext4 file system inside it");
      run(DiskCommands.makeFileSystem(root.resolve("/dev/mapper/" + name), Optional.empty()));
    } finally {
      run(CryptCommands.close(name));
    }
  }

  private void run(List<String> command) throws IOException {
    if (apply) {
      processes.run(command, TIMEOUT);
    } else {
      log.accept("  " + String.join(" ", command));
    }
  }

  /** Whether two paths name the same device, links (such as /dev/disk/by-id) followed. */
  private static boolean same(Path a, Path b) throws IOException {
    return Files.exists(a) && Files.exists(b) ? a.toRealPath().equals(b.toRealPath()) : a.normalize().equals(b.normalize());
  }

  /** Whether {@code path} is a block device (not a file, a directory or a character device such as /dev/null). */
  static boolean isBlockDevice(Path path) {
    try {
      int mode = (Integer) Files.getAttribute(path, "unix:mode");
      return (mode & 0170000) == 0060000;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
