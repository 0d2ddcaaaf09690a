package dev.appliance.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.update.UpdateJournal.Kind;
import dev.appliance.update.UpdateJournal.State;
import dev.appliance.update.UpdateJournal.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The update journal as the file keeps it, and which states end an update. */
class UpdateJournalTest {

  @TempDir
  Path dir;

  @Test
  void everyStateAndTheDumpComeBackFromTheFile() throws IOException {
    HostRoot root = new HostRoot(dir);
    Instant start = Instant.parse("2026-12-02T01:00:00.123Z");
    Version from = new Version("app:1 (aaa)", "/opt/one/stack.yml", Map.of("app:1", "sha256:aaa"), Map.of());
    Version to = new Version("reg.example:5000/app:2 (bbb)", "/opt/two/stack.yml", Map.of("reg.example:5000/app:2", "sha256:bbb"),
        Map.of("reg.example:5000/app:2", "reg.example:5000/app@sha256:" + "c".repeat(64)));
    UpdateJournal journal = UpdateJournal.begin(from, to, Kind.MAINTENANCE, true, start);
    journal.write(root);
    assertEquals(Optional.of(journal), UpdateJournal.read(root));
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(UpdateJournal.file(root))));
    for (State state : State.values()) {
      UpdateJournal at = journal.dumped(dir.resolve("app.pgdump"), "app", Map.of("public.documents", 3L), start.plusSeconds(5))
          .at(state, start.plusSeconds(9), "why");
      at.write(root);
      UpdateJournal read = UpdateJournal.read(root).orElseThrow();
      assertEquals(at, read);
      assertEquals(state, read.state());
      assertEquals(Optional.of(dir.resolve("app.pgdump").toString()), read.dump());
      assertEquals(Optional.of("app"), read.owner());
      assertTrue(read.migrates());
      assertEquals(!(state == State.DONE || state == State.ROLLED_BACK || state == State.NOT_ATTEMPTED
          || state == State.FAILED), read.unfinished(), state.word());
    }
    assertTrue(Files.readString(UpdateJournal.file(root)).contains("\"state\" : \"failed\""));
  }

  @Test
  void aDamagedJournalSaysWhereItIs() throws IOException {
    HostRoot root = new HostRoot(dir);
    Files.createDirectories(UpdateJournal.file(root).getParent());
    Files.writeString(UpdateJournal.file(root), "{\"state\": \"half");
    IOException e = assertThrows(IOException.class, () -> UpdateJournal.read(root));
    assertTrue(e.getMessage().contains(UpdateJournal.file(root).toString()), e.getMessage());
    assertFalse(UpdateJournal.read(new HostRoot(dir.resolve("elsewhere"))).isPresent());
  }
}
