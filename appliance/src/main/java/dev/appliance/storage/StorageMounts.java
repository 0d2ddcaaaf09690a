package dev.appliance.storage;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Mounts {@code /data} and {@code /volatile} from file systems found by label (or device) when the env asks, unless
 * {@code ignore} is set, in which case they are plain directories on the root file system.
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
    Path device = volume.device().map(root::resolve).orElse(root.resolve("/dev/disk/by-label/" + volume.label()));
    if (!Files.exists(device)) {
      throw new Cli.BadInputException("there is no file system " + device + " for " + mountPoint + "; attach the disk"
          + " (labelled '" + volume.label() + "'), or set appliance/storage/" + key + "/ignore: true in env.yml to keep "
          + mountPoint + " on the root file system");
    }
    processes.run(MountCommands.mount(device, target), Duration.ofMinutes(2));
    log.accept(mountPoint + ": mounted " + device);
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
