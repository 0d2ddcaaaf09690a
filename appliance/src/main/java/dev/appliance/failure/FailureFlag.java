package dev.appliance.failure;

import dev.appliance.app.Tags;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.MaintenancePage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /run/appliance-failed}: once something failed, nothing starts again until an operator has looked and cleared
 * it. Raising it shows the failure and the recovery command on the maintenance page, raises an alert, and records
 * the failed version in {@code tags/last_failed}; {@code tags/last_running} is kept, so the next start does not
 * mistake the failure for an update.
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
   * Raises the flag with {@code reason}: maintenance page, alert, tags. Raising it again changes nothing (systemd's
   * OnFailure handler follows a supervisor that raised it itself), so the first reason stays on the page.
   */
  public void raise(String reason, Consumer<String> alert) throws IOException {
    Optional<String> raised = reason();
    if (raised.isPresent()) {
      alert.accept("the appliance is already in the failed state: " + raised.get());
      return;
    }
    root.files().write(root.failedFlag(), "rw-r--r--", clock.instant().truncatedTo(ChronoUnit.SECONDS) + " " + reason.replace('\n', ' ') + "\n");
    new MaintenancePage(root, clock).show("The appliance has failed",
        "The application is stopped after a failure: " + reason + "\nAn operator must look into it, then run: " + RECOVERY);
    alert.accept("ALERT critical: the appliance has failed: " + reason + "; recover with: " + RECOVERY);
    new Tags(root, clock).markFailed();
  }

  /**
   * Clears the flag.
   *
   * @return whether it was raised
   */
  public boolean clear() throws IOException {
    return root.files().delete(root.failedFlag());
  }
}
