package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.appliance.support.RecordedOwners;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageLayoutTest {

  @TempDir
  Path dir;

  @Test
  void filesWrittenUnderAppEtcBeforeTheLayoutMoveToDataEtcAndTheLinkReplacesTheDirectory() throws Exception {
    // As on a first boot without an env: prepare-env's page, and a tag from an earlier failure, both before the layout.
    Path early = dir.resolve("app/etc");
    Files.createDirectories(early.resolve("front"));
    Files.writeString(early.resolve("front/maintenance.html"), "no env");
    Files.createDirectories(early.resolve("tags"));
    Files.writeString(early.resolve("tags/last_failed"), "early");
    Files.createDirectories(dir.resolve("data/etc/tags"));
    Files.writeString(dir.resolve("data/etc/tags/last_failed"), "kept");
    RecordedOwners owners = new RecordedOwners();
    HostRoot root = new HostRoot(dir, owners);

    new StorageLayout(root).apply();

    assertTrue(Files.isSymbolicLink(early));
    assertEquals(Path.of("../data/etc"), Files.readSymbolicLink(early));
    assertEquals("no env", Files.readString(dir.resolve("data/etc/front/maintenance.html")));
    assertEquals("kept", Files.readString(early.resolve("tags/last_failed")), "what /data holds wins");
    new StorageLayout(root).apply();
    assertEquals("no env", Files.readString(early.resolve("front/maintenance.html")));
    assertEquals("999:999", owners.of(dir.resolve("data/postgresql")));
    assertEquals(List.of(), new StorageLayout(root).differences());
  }

  @Test
  void aDirectoryWithAnotherModeIsADifferenceUntilTheLayoutIsAppliedAgain() throws Exception {
    HostRoot root = new HostRoot(dir, new RecordedOwners());
    new StorageLayout(root).apply();
    Files.setPosixFilePermissions(dir.resolve("data/pgdump"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    assertEquals(List.of("/data/pgdump"), new StorageLayout(root).differences());
    new StorageLayout(root).apply();
    assertEquals(List.of(), new StorageLayout(root).differences());
  }

  @Test
  void theStackFormatRefusesExactlyTheDirectoriesTheLayoutOwns() {
    List<String> owned = StorageLayout.DIRS.stream().map(StorageLayout.Dir::path)
        .filter(p -> p.startsWith("/data/") || p.startsWith("/volatile/"))
        .filter(p -> StorageLayout.DIRS.stream().noneMatch(parent -> !parent.path().equals("/data")
            && !parent.path().equals("/volatile") && p.startsWith(parent.path() + "/")))
        .toList();
    assertEquals(owned, dev.appliance.stack.Stack.Directory.APPLIANCE_OWN);
  }
}
