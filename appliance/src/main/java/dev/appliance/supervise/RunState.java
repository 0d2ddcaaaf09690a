package dev.appliance.supervise;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The supervisor's state in {@code /run/appliance}: restart counts (for status) and the {@code stopping} mark that
 * {@code appliance stop} leaves, so that the supervisor lets the containers go instead of restarting them.
 */
public final class RunState {

  private final HostRoot root;

  public RunState(HostRoot root) {
    this.root = root;
  }

  private Path restartsFile() {
    return root.runState().resolve("restarts");
  }

  private Path stoppingMark() {
    return root.runState().resolve("stopping");
  }

  public void writeRestarts(Map<String, Integer> totals) throws IOException {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(totals).forEach((service, count) -> text.append(service).append(' ').append(count).append('\n'));
    root.files().write(restartsFile(), "rw-r--r--", text.toString());
  }

  /** Restarts per service by the current (or last) supervisor. */
  public Map<String, Integer> restarts() throws IOException {
    Map<String, Integer> totals = new TreeMap<>();
    if (Files.isRegularFile(restartsFile())) {
      for (String line : Files.readAllLines(restartsFile())) {
        String[] fields = line.split(" ");
        if (fields.length == 2) {
          totals.put(fields[0], Integer.parseInt(fields[1]));
        }
      }
    }
    return totals;
  }

  public void markStopping() throws IOException {
    root.files().write(stoppingMark(), "rw-r--r--", "");
  }

  public void clearStopping() throws IOException {
    root.files().delete(stoppingMark());
  }

  public boolean stopping() {
    return Files.exists(stoppingMark());
  }
}
