package dev.appliance.engine;

import java.util.List;
import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param id the engine's ID
 * @param name the name, without Docker's leading slash
 * @param labels its labels
 * @param running whether it runs now
 * @param exitCode its last exit code (0 while it never ran)
 * @param finished whether it ran and exited
 * @param health {@code none} without a healthcheck, else {@code starting}, {@code healthy} or {@code unhealthy}
 * @param lastProbe the last healthcheck's exit code and output, or a note that there is none yet
 * @param healthTest the healthcheck's test as Docker keeps it ({@code CMD ...} or {@code CMD-SHELL ...}), or empty
 */
public record ContainerState(String id, String name, Map<String, String> labels, boolean running, long exitCode,
    boolean finished, String health, String lastProbe, List<String> healthTest) {

  public ContainerState {
    labels = Map.copyOf(labels);
    healthTest = List.copyOf(healthTest);
  }

  public String label(String key) {
    return labels.getOrDefault(key, "");
  }
}
