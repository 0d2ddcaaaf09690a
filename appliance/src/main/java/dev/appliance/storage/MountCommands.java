package dev.appliance.storage;

import java.nio.file.Path;
import java.util.List;

/** The command lines of mount(8) the appliance runs. */
public final class MountCommands {

  private MountCommands() {}

  /** Mounts {@code device} on {@code target} without access-time updates (the database writes enough). */
  public static List<String> mount(Path device, Path target) {
    return List.of("mount", "-o", "noatime", device.toString(), target.toString());
  }
}
