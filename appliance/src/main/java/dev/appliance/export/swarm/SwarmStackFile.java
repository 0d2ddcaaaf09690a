package dev.appliance.export.swarm;

import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * stack.yml for {@code docker stack deploy}: compose format 3.9, the newest that Debian's docker 20.10 takes, with
 * {@code version} set and without what its validation refuses (a top-level name, depends_on conditions, mem_limit).
 */
final class SwarmStackFile {

  static final String FILE = "stack.yml";
  static final String VERSION = "3.9";

  private SwarmStackFile() {}

  static String render(ExportSource source, SwarmObjects objects, SwarmService mapping) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    Map<String, Object> services = new LinkedHashMap<>();
    for (Service service : source.stack().services().values()) {
      services.put(service.name(), mapping.of(service));
    }
    root.put("services", services);
    // Attachable, so that deploy.sh's migration job joins it.
    root.put("networks", Map.of(SwarmObjects.NETWORK, ComposeYaml.map("driver", "overlay", "attachable", true)));
    Map<String, Object> secrets = new LinkedHashMap<>();
    objects.secrets().forEach((name, swarmName) -> secrets.put(name, file(SwarmObjects.secretFile(name), swarmName)));
    if (!secrets.isEmpty()) {
      root.put("secrets", secrets);
    }
    root.put("configs", Map.of("site", file(SwarmObjects.SITE_FILE, objects.site())));
    String header = "# The stack " + objects.stack() + " for Docker Swarm, written by 'appliance export --swarm' from "
        + source.stackFile().getFileName() + " and the env: deploy it with ./deploy.sh, and read EXPORT-NOTES.md.\n";
    return header + ComposeYaml.dump(root);
  }

  private static Map<String, Object> file(String file, String name) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", "./" + file);
    out.put("name", name);
    return out;
  }
}
