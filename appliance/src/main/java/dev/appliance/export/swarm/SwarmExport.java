package dev.appliance.export.swarm;

import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter;
import java.nio.file.Path;
import java.util.Map;

/** PLACEHOLDER: the helper writing this target replaces this class. */
public final class SwarmExport implements Exporter {

  public SwarmExport(Path nodeRoot) {}

  @Override
  public String target() {
    return "Docker Swarm";
  }

  @Override
  public void refuse(ExportSource source) {}

  @Override
  public Map<String, ExportFile> files(ExportSource source) {
    throw new UnsupportedOperationException("not yet");
  }
}
