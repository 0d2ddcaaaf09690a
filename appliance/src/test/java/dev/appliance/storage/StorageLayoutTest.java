package dev.appliance.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.nio.file.Files;
import java.nio.file.Path;
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

    new StorageLayout(new HostRoot(dir)).apply();

    assertTrue(Files.isSymbolicLink(early));
    assertEquals(Path.of("../data/etc"), Files.readSymbolicLink(early));
    assertEquals("no env", Files.readString(dir.resolve("data/etc/front/maintenance.html")));
    assertEquals("kept", Files.readString(early.resolve("tags/last_failed")), "what /data holds wins");
    new StorageLayout(new HostRoot(dir)).apply();
    assertEquals("no env", Files.readString(early.resolve("front/maintenance.html")));
  }
}
