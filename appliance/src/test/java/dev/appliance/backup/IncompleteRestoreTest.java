package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore that began to replace /data and did not finish: the start chain refuses, status says so. */
class IncompleteRestoreTest {

  @TempDir
  Path dir;

  @Test
  void theMarkerRefusesTheStartAndStatusShowsIt() throws Exception {
    HostRoot root = new HostRoot(dir);
    Files.createDirectories(dir.resolve("data"));
    assertDoesNotThrow(() -> Restore.refuseIfIncomplete(root, "prepare-app"));
    Files.writeString(Restore.incomplete(root), "run 20261201T223000Z, since 2026-12-01T23:00:00Z\n");
    IOException refused = assertThrows(IOException.class, () -> Restore.refuseIfIncomplete(root, "prepare-app"));
    assertTrue(refused.getMessage().startsWith("not running prepare-app: a restore began to replace /data and did not"
        + " finish (run 20261201T223000Z, since 2026-12-01T23:00:00Z); its database may be empty. Run it again:"
        + " appliance restore --yes"), refused.getMessage());
    assertTrue(BackupStatus.read(root, Optional.empty()).lines().contains("  RESTORE INCOMPLETE (run 20261201T223000Z,"
        + " since 2026-12-01T23:00:00Z): the appliance will not start; run: appliance restore --yes"));
    assertTrue(!BackupContents.included(".incomplete-restore"), "never part of a backup");
  }
}
