package dev.appliance.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRootTest {

  @TempDir
  Path dir;

  @Test
  void resolvesAbsoluteHostPathsUnderTheRoot() {
    HostRoot root = new HostRoot(dir);
    assertEquals(dir.resolve("data/etc"), root.resolve("/data/etc"));
    assertEquals(dir.resolve("data"), root.resolve("/data/"));
  }

  @Test
  void refusesRelativePathsAndDotDot() {
    HostRoot root = new HostRoot(dir);
    for (String bad : new String[] {"data/etc", "../etc/passwd", "/data/../../etc/passwd", "/data/./etc", "/.."}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> root.resolve(bad), bad);
      assertTrue(refused.getMessage().contains(bad), refused.getMessage());
    }
  }

  @Test
  void filesOutsideTheRootAreNeverWritten() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    HostFiles files = new HostRoot(root).files();
    Path outside = dir.resolve("outside.txt");
    assertThrows(IllegalArgumentException.class, () -> files.write(outside, "rw-r--r--", "x"));
    assertThrows(IllegalArgumentException.class, () -> files.write(root.resolve("../outside.txt"), "rw-r--r--", "x"));
    assertThrows(IllegalArgumentException.class, () -> files.createDirectories(dir.resolve("elsewhere")));
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(dir.resolve("elsewhere")));

    files.write(root.resolve("run/state"), "rw-------", "kept");
    assertEquals("kept", Files.readString(root.resolve("run/state")));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(root.resolve("run/state"))));
  }

  @Test
  void aTemporaryDirectoryIsUnderTheRootsPrivateScratchSpaceAndGoesWhole() throws Exception {
    HostRoot root = new HostRoot(dir);
    Path temp = root.files().temporaryDirectory("drive-");
    assertTrue(temp.startsWith(root.scratch()), temp.toString());
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(root.scratch())));
    Files.createDirectories(temp.resolve("openstack/latest"));
    Files.writeString(temp.resolve("openstack/latest/user_data"), "secret");
    Files.setPosixFilePermissions(temp.resolve("openstack"), java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
    root.files().deleteTree(temp);
    assertFalse(Files.exists(temp));
  }

  @Test
  void aLinkPlantedUnderTheRootDoesNotLeadAWriteOrAModeOutsideIt() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(root.resolve("data/app"));
    Path link = Files.createSymbolicLink(root.resolve("data/app/uploads"), elsewhere);
    HostFiles files = new HostRoot(root).files();

    assertThrows(IllegalArgumentException.class, () -> files.write(link.resolve("x"), "rw-r--r--", "x"));
    assertThrows(IllegalArgumentException.class, () -> files.createDirectories(link.resolve("sub")));
    assertThrows(IllegalArgumentException.class, () -> files.own(link, 0, 0, "rwxrwxrwx"));
    try (var inside = Files.list(elsewhere)) {
      assertEquals(0, inside.count());
    }
    assertEquals("rwxr-xr-x", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)));
  }
}
