package dev.appliance.envsource;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A drive found by its file-system label under {@code /dev/disk/by-label}: the NoCloud seed ({@code cidata}, file
 * {@code user-data}) or the OpenStack config drive ({@code config-2}, {@code openstack/latest/user_data}). The file is
 * read with xorriso straight from the ISO 9660 image, so nothing is mounted and an image file works like a drive.
 */
public record LabelledDrive(HostRoot root, ProcessRunner processes, String label, String file) implements EnvSource {

  /** The NoCloud seed that env-build writes. */
  public static LabelledDrive noCloud(HostRoot root, ProcessRunner processes) {
    return new LabelledDrive(root, processes, "cidata", "user-data");
  }

  /** The OpenStack config drive. */
  public static LabelledDrive configDrive(HostRoot root, ProcessRunner processes) {
    return new LabelledDrive(root, processes, "config-2", "openstack/latest/user_data");
  }

  private Path device() {
    return root.resolve("/dev/disk/by-label/" + label);
  }

  @Override
  public String describe() {
    return label + " drive " + device();
  }

  @Override
  public Path location() {
    return device().resolve(file);
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    Path device = device();
    if (!Files.exists(device)) {
      return Optional.empty();
    }
    // The drive's files are few and small (the seed, meta-data): all are copied out, so that a missing file is
    // a missing file, not a message of xorriso's to interpret.
    Path dir = root.files().temporaryDirectory("drive-" + label + "-");
    try {
      processes.run(XorrisoCommands.extractAll(device, dir), Duration.ofSeconds(60));
      Path found = dir.resolve(file);
      return Files.isRegularFile(found) ? Optional.of(Files.readAllBytes(found)) : Optional.empty();
    } catch (ProcessRunner.ProcessException e) {
      throw new IOException("cannot read the " + label + " drive " + device + ": " + e.getMessage(), e);
    } finally {
      root.files().deleteTree(dir);
    }
  }
}
