package dev.appliance.stack;

import java.util.List;
import java.util.Map;

/** The Compose service keys the appliance supports, and why it refuses some that Compose has. */
final class UnsupportedKeys {

  static final List<String> SUPPORTED = List.of("image", "build", "command", "entrypoint", "environment", "env_file",
      "volumes", "ports", "depends_on", "healthcheck", "restart", "mem_limit", "cpus", "user", "read_only", "tmpfs",
      "init", "labels");

  private static final String HOST_POWER = "it gives the container power over the host, which an appliance holding"
      + " personal data must not allow";

  private static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("links", "every service reaches the others by their names on the stack's private network; remove it"),
      Map.entry("external_links", "the stack reaches nothing outside its own private network"),
      Map.entry("network_mode", "each stack runs on its own private network, which host or bridge networking would bypass"),
      Map.entry("networks", "the appliance gives each stack exactly one private network"),
      Map.entry("container_name", "the appliance names containers STACK-SERVICE itself, to find and replace them"),
      Map.entry("expose", "services reach each other's ports on the stack network without it; remove it"),
      Map.entry("volumes_from", "write the bind mounts out in each service"),
      Map.entry("privileged", HOST_POWER),
      Map.entry("cap_add", HOST_POWER),
      Map.entry("devices", HOST_POWER),
      Map.entry("pid", HOST_POWER),
      Map.entry("ipc", HOST_POWER),
      Map.entry("security_opt", HOST_POWER),
      Map.entry("userns_mode", HOST_POWER),
      Map.entry("extends", "write the service out in full"),
      Map.entry("secrets", "declare secrets under x-appliance/secrets; env-new generates them into env.yml"),
      Map.entry("deploy", "the appliance runs one container per service on one machine; use mem_limit and cpus"));

  private UnsupportedKeys() {}

  /** Why {@code key} is not supported (when there is a particular reason) and which keys are. */
  static String why(String key) {
    String supported = "supported keys: " + String.join(", ", SUPPORTED);
    return REASONS.containsKey(key) ? REASONS.get(key) + "; " + supported : supported;
  }
}
