package dev.appliance.host;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Gives a file its owner and mode, by numeric ID (the users live in the images, not on the host). Injected through
 * the {@link HostRoot}, so that what needs root on a real host can be checked by a test as a normal user.
 */
public interface Ownership {

  /** Gives {@code path} to {@code uid:gid} with {@code mode} (such as {@code rwxr-x---}). */
  void apply(Path path, int uid, int gid, String mode) throws IOException;

  /** Whether {@code path} has that owner and mode already. */
  default boolean has(Path path, int uid, int gid, String mode) throws IOException {
    return ((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue() == uid
        && ((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).intValue() == gid
        && hasMode(path, mode);
  }

  /** Whether {@code path} has {@code mode}. */
  static boolean hasMode(Path path, String mode) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)).equals(mode);
  }

  /** The real owners, changed only where they differ; needs root for any other owner than the caller. */
  static Ownership numeric() {
    return Ownership::applyNumeric;
  }

  private static void applyNumeric(Path path, int uid, int gid, String mode) throws IOException {
    try {
      if (((Number) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)).intValue() != uid) {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
      }
      if (((Number) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS)).intValue() != gid) {
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
    } catch (FileSystemException e) {
      throw new FileSystemException(path.toString(), null,
          "cannot give it to " + uid + ":" + gid + " (" + e.getReason() + "); the appliance must run as root");
    }
    modeOnly(path, mode);
  }

  /** Sets the mode alone: for the files the appliance keeps for itself. */
  static void modeOnly(Path path, String mode) throws IOException {
    if (Files.isSymbolicLink(path)) {
      // chmod would follow it to whatever it points at.
      throw new FileSystemException(path.toString(), null, "is a symbolic link; the appliance gives modes to files only");
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }
}
