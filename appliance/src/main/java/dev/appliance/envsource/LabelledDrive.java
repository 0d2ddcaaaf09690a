package dev.appliance.envsource;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A drive found by its file-system label under {@code /dev/disk/by-label}: the NoCloud seed ({@code cidata}, file
 * {@code user-data}) or the OpenStack config drive ({@code config-2}, {@code openstack/latest/user_data}). The file is
 * read with xorriso straight from the ISO 9660 image, so nothing is mounted and an image file works like a drive.
 */
public record LabelledDrive(HostRoot root, String label, String file) implements EnvSource {

  /** The NoCloud seed that env-build writes. */
  public static LabelledDrive noCloud(HostRoot root) {
    return new LabelledDrive(root, "cidata", "user-data");
  }

  /** The OpenStack config drive. */
  public static LabelledDrive configDrive(HostRoot root) {
    return new LabelledDrive(root, "config-2", "openstack/latest/user_data");
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
    Path temp = Files.createTempDirectory("appliance-drive");
    Path out = temp.resolve("user-data");
    try {
      // stdio: lets xorriso read a block device under /dev (it refuses those by default) as well as an image file.
      new ProcessRunner().run(List.of("xorriso", "-osirrox", "on", "-indev", "stdio:" + device,
          "-extract", "/" + file, out.toString()), Duration.ofSeconds(60));
      return Files.isRegularFile(out) ? Optional.of(Files.readAllBytes(out)) : Optional.empty();
    } catch (ProcessRunner.ProcessException e) {
      if (e.getMessage().contains("No such file or directory")) {
        return Optional.empty(); // a drive with this label, but without the file: no env here
      }
      throw new IOException("cannot read " + file + " from the " + label + " drive " + device + ": " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(temp);
    }
  }
}
