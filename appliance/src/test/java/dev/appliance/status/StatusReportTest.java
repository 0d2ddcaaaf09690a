package dev.appliance.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.backup.BackupStatus;
import dev.appliance.update.UpdateStatus;
import dev.appliance.alerts.AlertStore.OpenAlert;
import dev.appliance.alerts.Severity;
import dev.appliance.status.StatusReport.ServiceStatus;
import dev.appliance.status.StatusReport.SpaceStatus;
import dev.appliance.status.StatusReport.State;
import dev.appliance.storage.SpaceLevel;
import dev.appliance.tls.ServedCertificate;
import dev.appliance.tls.ServedCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state status derives, and its exit code, from what it read. */
class StatusReportTest {

  private static final String SUPERVISOR = "pid 42 (run, since 2026-12-01T10:00:00Z)";

  private static List<ServiceStatus> services(String front, String web) {
    return List.of(new ServiceStatus("front", front, "", 0, true), new ServiceStatus("web", web, "healthy", 0, false));
  }

  private static final BackupStatus NO_BACKUP = new BackupStatus(null, null, null, null, null, null, null, null, null, null, null);
  private static final UpdateStatus NO_UPDATE = new UpdateStatus(null, null, null, null, null, List.of());
  private static final NetworkStatus NO_NETWORK = new NetworkStatus("no table of the appliance's", "off");

  private static StatusReport report(List<String> envProblems, String supervisor, String preparing, String failed,
      List<ServiceStatus> services, SpaceLevel space) {
    return new StatusReport("file env.yml", envProblems, supervisor, preparing, failed, null, false, services, Map.of(),
        List.of(), List.of(new SpaceStatus("/data", 50, 1000, space, 1000L << 20, 2000L << 20)), null, null, NO_BACKUP, NO_UPDATE, List.of(),
        List.of(), null, NO_NETWORK);
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

  @Test
  void theServedCertificateIsShownAsTheLastCheckSawItWithItsOpenAlerts() throws Exception {
    ServedCertificate served = new ServedCertificate("CN=example.org", "CN=R11,O=Let's Encrypt,C=US",
        "2026-11-02T00:00:00Z", "2027-01-31T00:00:00Z", List.of("example.org"), "AB:CD");
    List<OpenAlert> open = List.of(new OpenAlert(Severity.WARNING, "tls/expiry/21", "expires", "2027-01-10T10:00:00Z"),
        new OpenAlert(Severity.WARNING, "disk/data", "full", "2027-01-10T10:00:00Z"));
    assertEquals("  served:    CN=example.org, issued by CN=R11,O=Let's Encrypt,C=US, expires 2027-01-31 (20 days); checked"
        + " 2027-01-10T10:00:00Z; alert open: tls/expiry/21",
        served(new ServedCheck("2027-01-10T10:00:00Z", served, null), open));
    assertEquals("  served:    the last check (2027-01-11T10:00:00Z) FAILED: 127.0.0.1:443: Connection refused; served"
        + " before: CN=example.org, issued by CN=R11,O=Let's Encrypt,C=US, expires 2027-01-31 (19 days)",
        served(new ServedCheck("2027-01-11T10:00:00Z", served, "127.0.0.1:443: Connection refused"), List.of()));
    assertEquals("  served:    not checked yet (the supervisor checks once serving, then daily)", served(null, List.of()));

    String json = new ObjectMapper().writeValueAsString(new StatusReport(null, List.of(), null, null, null, null, false,
        List.of(), Map.of(), List.of(), List.of(), null, new ServedCheck("2027-01-10T10:00:00Z", served, null), NO_BACKUP, NO_UPDATE, List.of(),
        List.of(), null, NO_NETWORK));
    assertTrue(json.contains("\"servedCertificate\":{\"checked\":\"2027-01-10T10:00:00Z\",\"certificate\":{\"subject\":"
        + "\"CN=example.org\",\"issuer\":\"CN=R11,O=Let's Encrypt,C=US\",\"notBefore\":\"2026-11-02T00:00:00Z\",\"notAfter\":"
        + "\"2027-01-31T00:00:00Z\",\"names\":[\"example.org\"],\"sha256\":\"AB:CD\"},\"error\":null}"), json);
  }

  /** The status line of the served certificate for {@code check}. */
  private static String served(ServedCheck check, List<OpenAlert> open) {
    List<String> lines = new StatusReport("file env.yml", List.of(), SUPERVISOR, null, null, null, false,
        services("running", "running"), Map.of(), List.of(), List.of(), "2027-01-31T00:00:00Z", check, NO_BACKUP, NO_UPDATE, open, List.of(), null, NO_NETWORK)
        .lines();
    return lines.get(lines.indexOf("certificate: expires 2027-01-31T00:00:00Z") + 1);
  }
}
