package dev.appliance.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command lines that look at a disk (blkid, wipefs, lsblk) and that make a file system on it (wipefs, mkfs). */
public final class DiskCommands {

  private DiskCommands() {}

  /**
   * Every signature on {@code device} (file systems, partition tables, both LUKS2 headers), one {@code TYPE OFFSET}
   * line each: what {@link #wipe} would erase, listed without writing.
   */
  public static List<String> signatures(Path device) {
    return List.of("wipefs", "--no-act", "--noheadings", "--output", "TYPE,OFFSET", device.toString());
  }

  /** What {@code device} holds, read from the disk itself (not blkid's cache) as KEY=VALUE lines; exit 2 for nothing. */
  public static List<String> probe(Path device) {
    return List.of("blkid", "--probe", "--output", "export", device.toString());
  }

  /** {@code device} and what sits on it (partitions, open containers), with their mount points, one row each. */
  public static List<String> users(Path device) {
    return List.of("lsblk", "--noheadings", "--raw", "--output", "NAME,TYPE,MOUNTPOINT", device.toString());
  }

  /** Erases every signature {@link #signatures} lists. */
  public static List<String> wipe(Path device) {
    return List.of("wipefs", "--all", device.toString());
  }

  /** An ext4 file system on {@code device}, with {@code label} if given (none inside LUKS: the container has it). */
  public static List<String> makeFileSystem(Path device, Optional<String> label) {
    List<String> command = new ArrayList<>(List.of("mkfs.ext4", "-q"));
    label.ifPresent(l -> command.addAll(List.of("-L", l)));
    command.add(device.toString());
    return List.copyOf(command);
  }
}
