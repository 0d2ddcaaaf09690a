package dev.appliance.host;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Owners and modes of the files the containers read, by numeric ID (the users live in the images, not on the host). */
public final class Ownership {

  private Ownership() {}

  /** Gives {@code path} to {@code uid:gid} with {@code mode} (such as {@code rwxr-x---}). */
  public static void apply(Path path, int uid, int gid, String mode) throws IOException {
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
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }
}
