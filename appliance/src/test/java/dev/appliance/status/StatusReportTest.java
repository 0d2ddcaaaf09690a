package dev.appliance.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.status.StatusReport.ServiceStatus;
import dev.appliance.status.StatusReport.SpaceStatus;
import dev.appliance.status.StatusReport.State;
import dev.appliance.storage.SpaceLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state status derives, and its exit code, from what it read. */
class StatusReportTest {

  private static final String SUPERVISOR = "pid 42 (run, since 2026-12-01T10:00:00Z)";

  private static List<ServiceStatus> services(String front, String web) {
    return List.of(new ServiceStatus("front", front, "", 0, true), new ServiceStatus("web", web, "healthy", 0, false));
  }

  private static StatusReport report(List<String> envProblems, String supervisor, String preparing, String failed,
      List<ServiceStatus> services, SpaceLevel space) {
    return new StatusReport("file env.yml", envProblems, supervisor, preparing, failed, null, false, services, Map.of(),
        List.of(), List.of(new SpaceStatus("/data", 50, 1000, space, 1000L << 20, 2000L << 20)), null, List.of(), List.of(),
        null);
  }

  private static StatusReport report(String supervisor, String preparing, List<ServiceStatus> services) {
    return report(List.of(), supervisor, preparing, null, services, SpaceLevel.OK);
  }

  @Test
  void theStateComesFromTheSupervisorsLockTheOneLockAndWhatRuns() {
    assertEquals(State.RUNNING, report(SUPERVISOR, null, services("running", "running")).state());
    assertEquals(State.STARTING, report(SUPERVISOR, "pid 42 (run, since ...)", services("created", "running")).state());
    assertEquals(State.PREPARING, report(null, "pid 7 (prepare-app, since ...)", services("running", "exited")).state());
    assertEquals(State.UNSUPERVISED, report(null, null, services("exited", "running")).state(), "killed supervisor");
    assertEquals(State.STOPPED, report(null, null, services("running", "exited")).state(), "the front alone shows a page");
    assertEquals(State.STOPPED, report(null, null, services("no container", "no container")).state());
  }

  @Test
  void failureInvalidEnvAndAFullDiskComeFirst() {
    List<ServiceStatus> running = services("running", "running");
    assertEquals(State.FAILED, report(List.of("x"), SUPERVISOR, null, "web keeps failing", running, SpaceLevel.CRITICAL).state());
    assertEquals(State.INVALID_ENV, report(List.of("active-env.yml:3:11: appliance/domain: ..."), SUPERVISOR, null, null,
        running, SpaceLevel.CRITICAL).state());
    assertEquals(State.DISK_FULL, report(List.of(), SUPERVISOR, null, null, running, SpaceLevel.CRITICAL).state());
    assertEquals(State.RUNNING, report(List.of(), SUPERVISOR, null, null, running, SpaceLevel.WARNING).state(),
        "a warning is shown, nothing fails yet");
  }

  @Test
  void exitCodesAreZeroRunningThreeStoppedOneOtherwise() {
    for (State state : State.values()) {
      assertEquals(state == State.RUNNING ? 0 : state == State.STOPPED ? 3 : 1, state.exitCode(), state.toString());
    }
    StatusReport preparing = report(null, "pid 7 (prepare-app, since ...)", services("running", "exited"));
    assertTrue(preparing.lines().get(0).equals("state:       preparing: pid 7 (prepare-app, since ...) is at work"),
        preparing.lines().get(0));
  }
}
