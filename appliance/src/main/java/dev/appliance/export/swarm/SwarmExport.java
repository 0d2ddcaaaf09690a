package dev.appliance.export.swarm;

import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code appliance export --swarm}: stack.yml for {@code docker stack deploy}, the secrets and the front's site it
 * names, deploy.sh for what Swarm does not do itself, and EXPORT-NOTES.md with what differs from the appliance.
 */
public final class SwarmExport implements Exporter {

  private final Path nodeRoot;

  /** An export whose data node keeps /data and /volatile under {@code nodeRoot} ({@code /} in production). */
  public SwarmExport(Path nodeRoot) {
    this.nodeRoot = nodeRoot.toAbsolutePath().normalize();
  }

  @Override
  public String target() {
    return "Docker Swarm";
  }

  @Override
  public void refuse(ExportSource source) {
    SwarmRefusals.check(source);
  }

  @Override
  public Map<String, ExportFile> files(ExportSource source) {
    SwarmObjects objects = SwarmObjects.of(source);
    SwarmService mapping = new SwarmService(source, objects, nodeRoot);
    Map<String, ExportFile> files = new LinkedHashMap<>();
    files.put(SwarmStackFile.FILE, ExportFile.plain(SwarmStackFile.render(source, objects, mapping)));
    files.put(DeployScript.FILE, ExportFile.script(new DeployScript(source, objects, mapping).render()));
    files.put(ExportDirectory.NOTES, ExportFile.plain(new SwarmNotes(source, objects, mapping).render()));
    files.put(SwarmObjects.SITE_FILE, ExportFile.plain(objects.siteText()));
    source.secrets().forEach((name, value) -> files.put(SwarmObjects.secretFile(name), ExportFile.secret(value)));
    return files;
  }
}
