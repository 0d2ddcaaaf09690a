package dev.appliance.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.StackFile;
import dev.appliance.support.FakeEngine;
import dev.appliance.support.TestEnvs;
import dev.appliance.update.UpdateJournal.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an update goes, from what changes between the running stack and the new one. */
class UpdatePlanTest {

  @TempDir
  Path dir;

  private final FakeEngine engine = new FakeEngine();

  private Stack stack(String name, String... replacements) throws Exception {
    return StackFile.read(TestEnvs.stack(dir.resolve(name), "reference", replacements), Interpolation.deferred());
  }

  /** The image IDs of the project's stack, with {@code changes} (image name to ID) applied. */
  private static Map<String, String> ids(String... changes) {
    Map<String, String> ids = new TreeMap<>(Map.of("appliance/front:1", "sha256:f", "appliance/postgres:15", "sha256:p",
        "appliance/redis:7", "sha256:r", "appliance/reference-app:2", "sha256:a2"));
    for (int i = 0; i + 1 < changes.length; i += 2) {
      ids.put(changes[i], changes[i + 1]);
    }
    return ids;
  }

  private UpdatePlan plan(Stack from, Map<String, String> fromIds, Stack to, Map<String, String> toIds) {
    return UpdatePlan.of(from, fromIds, to, toIds, new HostRoot(dir.resolve("root")), engine);
  }

  @Test
  void aNewWebImageWithTheSameMigrationSetSwitchesWithoutDowntime() throws Exception {
    engine.withImage("appliance/reference-app:2", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1,2"));
    String before = engine.imageId("appliance/reference-app:2").orElseThrow();
    engine.withImage("appliance/reference-app:3", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1,2"));
    String after = engine.imageId("appliance/reference-app:3").orElseThrow();
    Stack from = stack("from");
    Stack to = stack("to", "image: appliance/reference-app:2", "image: appliance/reference-app:3");
    Map<String, String> toIds = ids("appliance/reference-app:3", after);
    toIds.remove("appliance/reference-app:2");
    UpdatePlan plan = plan(from, ids("appliance/reference-app:2", before), to, toIds);
    assertEquals(List.of("web", "worker"), plan.changed().stream().sorted().toList());
    assertFalse(plan.migrates());
    assertEquals(Kind.SWITCH, plan.kind(), plan.why());
  }

  @Test
  void anotherMigrationSetOrNoLabelGoesBehindTheMaintenancePage() throws Exception {
    engine.withImage("appliance/reference-app:1", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1"));
    engine.withImage("appliance/reference-app:2", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1,2"));
    engine.withImage("other/app:1", Map.of());
    engine.withImage("other/app:2", Map.of());
    Stack one = stack("one", "image: appliance/reference-app:2", "image: appliance/reference-app:1");
    Stack two = stack("two");
    UpdatePlan plan = plan(one, ids("appliance/reference-app:1", engine.imageId("appliance/reference-app:1").get()),
        two, ids("appliance/reference-app:2", engine.imageId("appliance/reference-app:2").get()));
    assertTrue(plan.migrates());
    assertEquals(Kind.MAINTENANCE, plan.kind());
    // Images without the label always migrate when they change.
    Stack unlabelled = stack("unlabelled", "image: appliance/reference-app:2", "image: other/app:1");
    Stack next = stack("next", "image: appliance/reference-app:2", "image: other/app:2");
    UpdatePlan other = plan(unlabelled, ids("other/app:1", engine.imageId("other/app:1").get()),
        next, ids("other/app:2", engine.imageId("other/app:2").get()));
    assertTrue(other.migrates());
    assertEquals(Kind.MAINTENANCE, other.kind());
  }

  @Test
  void aCompatibleMigrationSwitchesAfterMigrating() throws Exception {
    engine.withImage("appliance/reference-app:2", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1,2"));
    engine.withImage("appliance/reference-app:3", Map.of(UpdatePlan.MIGRATIONS_LABEL, "1,2,3"));
    Stack from = stack("from");
    Stack to = stack("to", "image: appliance/reference-app:2", "image: appliance/reference-app:3",
        "    command: [migrate]\n", "    command: [migrate]\n    compatible: true\n");
    assertTrue(to.appliance().migrate().orElseThrow().compatible(), "the stack reader reads compatible");
    UpdatePlan plan = plan(from, ids("appliance/reference-app:2", engine.imageId("appliance/reference-app:2").get()),
        to, ids("appliance/reference-app:3", engine.imageId("appliance/reference-app:3").get()));
    assertTrue(plan.migrates());
    assertEquals(Kind.SWITCH, plan.kind(), plan.why());
  }

  @Test
  void aChangedDatabaseOrFrontImageNeedsTheMaintenancePage() throws Exception {
    Stack stack = stack("same");
    UpdatePlan database = plan(stack, ids(), stack, ids("appliance/postgres:15", "sha256:p2"));
    assertEquals(List.of("postgres"), database.changed());
    assertEquals(Kind.MAINTENANCE, database.kind());
    assertTrue(database.why().startsWith("postgres changes"), database.why());
    UpdatePlan front = plan(stack, ids(), stack, ids("appliance/front:1", "sha256:f2"));
    assertEquals(Kind.MAINTENANCE, front.kind());
  }

  @Test
  void nothingChangedIsNothingToDo() throws Exception {
    Stack stack = stack("same");
    UpdatePlan plan = plan(stack, ids(), stack, ids());
    assertTrue(plan.nothing());
    assertEquals("changes: none", plan.lines().get(0));
    // A changed setting is a change, even with the same images.
    Stack more = stack("more", "mem_limit: 256m", "mem_limit: 300m");
    assertEquals(List.of("worker"), plan(stack, ids(), more, ids()).changed());
  }
}
