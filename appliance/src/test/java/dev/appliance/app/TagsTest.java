package dev.appliance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.support.FakeTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which versions need a migration: only one that has neither run nor been migrated here. */
class TagsTest {

  @TempDir
  Path dir;

  private static final Map<String, String> V1 = Map.of("app:1", "sha256:aaa", "postgres:15", "sha256:ppp");
  private static final Map<String, String> V2 = Map.of("app:2", "sha256:bbb", "postgres:15", "sha256:ppp");

  @Test
  void aFirstVersionIsNewAndOneThatRanOrWasMigratedIsNot() throws Exception {
    Tags tags = new Tags(new HostRoot(dir), new FakeTime(Instant.parse("2026-12-01T10:00:00Z")));
    assertTrue(tags.isNewVersion(V1), "nothing ran here yet");

    tags.write(Tags.LAST_MIGRATED, V1);
    assertFalse(tags.isNewVersion(V1), "migrated, then failed to start: not migrated again");

    tags.write(Tags.LAST_RUNNING, V1);
    assertFalse(tags.isNewVersion(V1));
    assertTrue(tags.isNewVersion(V2), "one image changed");
    assertEquals(Optional.of("2026-12-01T10:00:00Z"), tags.written(Tags.LAST_RUNNING));
  }

  @Test
  void aFailureRecordsThePreparedVersionAndKeepsTheRunningOne() throws Exception {
    Tags tags = new Tags(new HostRoot(dir), new FakeTime(Instant.parse("2026-12-01T10:00:00Z")));
    tags.write(Tags.LAST_RUNNING, V1);
    tags.write(Tags.LAST_PREPARED, V2);
    tags.markFailed();
    assertEquals(Optional.of(V2), tags.read(Tags.LAST_FAILED));
    assertEquals(Optional.of(V1), tags.read(Tags.LAST_RUNNING));
    assertTrue(tags.isNewVersion(V2), "the failed version is still new: the next start migrates it");
  }
}
