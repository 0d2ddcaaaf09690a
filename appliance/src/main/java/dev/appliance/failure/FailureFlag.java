package dev.appliance.failure;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import dev.appliance.app.Tags;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.MaintenancePage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /run/appliance-failed}: once something failed, nothing starts again until an operator has looked and cleared
 * it. Raising it keeps the reason in the flag, raises an alert with the reason and the recovery command, shows the
 * failure page (the reason and the recovery command on it only where the env allows it), and records the failed
 * version in {@code tags/last_failed}; {@code tags/last_running} is kept, so the next start does not mistake the
 * failure for an update.
 */
public final class FailureFlag {

  /** How an operator gets out of the failed state. */
  public static final String RECOVERY = "appliance clear-failed (or: rm /run/appliance-failed), then: systemctl start appliance";

  /** A step that refuses to run while the flag is raised. */
  public static final class FailedStateException extends IOException {
    private static final long serialVersionUID = 1L;

    FailedStateException(String message) {
      super(message);
    }
  }

  private final HostRoot root;
  private final Clock clock;

  public FailureFlag(HostRoot root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** The reason, if the appliance is failed. */
  public Optional<String> reason() throws IOException {
    return Files.isRegularFile(root.failedFlag()) ? Optional.of(Files.readString(root.failedFlag()).strip()) : Optional.empty();
  }

  /** Refuses {@code step} while the flag is raised, saying why and how to clear it. */
  public void refuseIfRaised(String step) throws IOException {
    Optional<String> reason = reason();
    if (reason.isPresent()) {
      throw new FailedStateException("not running " + step + ": the appliance is in the failed state (" + reason.get()
          + "). Find the cause (journalctl -u appliance -u prepare-app, or 'appliance status'), then clear it with: " + RECOVERY);
    }
  }

  /**
   * Raises the flag with {@code reason}: maintenance page, the critical alert {@code failed/CAUSE}, tags. Raising it
   * again changes nothing (systemd's OnFailure handler follows a supervisor that raised it itself), so the first
   * reason stays.
   *
   * @param cause what failed, the alert's key after {@code failed/}: {@code crash-loop/web}, {@code prepare-app}
   */
  public void raise(String cause, String reason, Alerts alerts, Consumer<String> log) throws IOException {
    Optional<String> raised = reason();
    if (raised.isPresent()) {
      log.accept("the appliance is already in the failed state: " + raised.get());
      return;
    }
    Instant failed = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    root.files().write(root.failedFlag(), "rw-r--r--", failed + " " + reason.replace('\n', ' ') + "\n");
    new MaintenancePage(root, clock).show("The appliance has failed", pageText(reason, failed));
    alerts.raise(Alert.critical(Alert.FAILED + cause, "the appliance has failed: " + reason, "Nothing starts again"
        + " until an operator has looked. Find the cause: appliance status; journalctl -u appliance -u prepare-app"
        + " -u prepare-appliance. Then recover with: " + RECOVERY));
    new Tags(root, clock).markFailed();
  }

  /**
   * What every visitor reads: that the service is down, since when, and that the operators know. The reason and the
   * recovery command are for status, the journal and the alert, and on the page only where the env allows it.
   */
  private String pageText(String reason, Instant failed) {
    String text = "The service has been unavailable since " + failed + " after a failure. The failure is recorded for the operators.";
    return showsDetails() ? text + "\nThe failure: " + reason + "\nAn operator must look into it, then run: " + RECOVERY : text;
  }

  /** {@code appliance/failure_details} of the active env; an env that cannot be read shows nothing more. */
  private boolean showsDetails() {
    try {
      return ActiveEnv.require(root).config().appliance().failureDetails();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Clears the flag and resolves the failure alerts (an operator has looked).
   *
   * @return whether it was raised
   */
  public boolean clear(Alerts alerts) throws IOException {
    boolean was = root.files().delete(root.failedFlag());
    alerts.resolveAll(Alert.FAILED, "the failed state was cleared (appliance clear-failed)");
    return was;
  }
}
