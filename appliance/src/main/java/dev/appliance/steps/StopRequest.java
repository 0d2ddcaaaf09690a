package dev.appliance.steps;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code appliance stop}'s request, {@code /run/appliance/stopping}, holding when it was made. A step or supervisor
 * that began before it ends as stopped; one that begins after it is a new start, so the mark never needs clearing.
 */
public final class StopRequest {

  private final HostRoot root;

  public StopRequest(HostRoot root) {
    this.root = root;
  }

  private Path mark() {
    return root.runState().resolve("stopping");
  }

  public void make(Instant now) throws IOException {
    root.files().write(mark(), "rw-r--r--", now + "\n");
  }

  /** Whether a stop was requested at or after {@code start}. */
  public boolean madeSince(Instant start) throws IOException {
    if (!Files.isRegularFile(mark())) {
      return false;
    }
    try {
      return !Instant.parse(Files.readString(mark()).strip()).isBefore(start);
    } catch (DateTimeParseException e) {
      return false; // not a mark this appliance wrote (an older one's was empty): no time, so no request
    }
  }
}
