package dev.appliance.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.host.HostRoot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartBudgetTest {

  @Test
  void moreThanTheMaximumWithinTheWindowIsACrashLoop() {
    RestartBudget budget = new RestartBudget(3, Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertTrue(budget.record("web", t));
    assertTrue(budget.record("web", t.plusSeconds(10)));
    assertTrue(budget.record("web", t.plusSeconds(20)));
    assertFalse(budget.record("web", t.plusSeconds(30)));
    assertTrue(budget.record("worker", t.plusSeconds(30)), "each service has its own budget");
    assertEquals(4, budget.recent().get("web").size());
  }

  @Test
  void deathsOutsideTheWindowAreForgiven() {
    RestartBudget budget = new RestartBudget(2, Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertTrue(budget.record("web", t));
    assertTrue(budget.record("web", t.plusSeconds(60)));
    assertTrue(budget.record("web", t.plusSeconds(301)), "the first death is older than five minutes");
    assertFalse(budget.record("web", t.plusSeconds(302)));
    assertEquals(3, budget.recent().get("web").size(), "what status counts: the deaths within the window");
    assertEquals(Map.of("web", 3), budget.totals(), "what the metrics count: every restart allowed, the window aside");
  }

  @Test
  void backoffDoublesUpToThirtySeconds() {
    RestartBudget budget = new RestartBudget(100, Duration.ofMinutes(60));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    long[] expected = {1, 2, 4, 8, 16, 30, 30};
    for (int i = 0; i < expected.length; i++) {
      budget.record("web", t.plusSeconds(i));
      assertEquals(expected[i], budget.backoff("web").toSeconds(), "after death " + (i + 1));
    }
  }

  @Test
  void statusCountsTheRunningSupervisorsRestartsWithinItsWindowAndANewRunStartsAfresh(@TempDir Path dir) throws Exception {
    HostRoot root = new HostRoot(dir);
    RunState state = new RunState(root);
    RestartBudget budget = new RestartBudget(5, Duration.ofMinutes(5));
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    budget.record("postgres", t);
    budget.record("postgres", t.plusSeconds(60));
    budget.record("worker", t.plusSeconds(60));
    state.writeRestarts(budget);
    assertEquals(Map.of("postgres", 2, "worker", 1), state.restartsWithin(t.plusSeconds(120)));
    assertEquals(Map.of("postgres", 1, "worker", 1), state.restartsWithin(t.plusSeconds(330)), "the first is 5.5 min old");
    assertEquals(Map.of(), state.restartsWithin(t.plusSeconds(400)));
    state.writeRestarts(new RestartBudget(5, Duration.ofMinutes(5)));
    assertEquals(Map.of(), state.restartsWithin(t.plusSeconds(120)), "a new supervisor's file starts afresh");
  }
}
