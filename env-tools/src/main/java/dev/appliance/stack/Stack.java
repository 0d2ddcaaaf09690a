package dev.appliance.stack;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stack read from stack.yml: its services in file order and the appliance's settings.
 *
 * @param name the stack's name (labels and container names), from {@code name:} or the file's directory
 * @param services the services by name, in file order
 * @param appliance the {@code x-appliance} settings
 */
public record Stack(String name, Map<String, Service> services, ApplianceSettings appliance) {

  /** One service. Absent optional values mean the image's own default. */
  public record Service(String name, Optional<String> image, Optional<Build> build, Optional<List<String>> command,
      Optional<List<String>> entrypoint, Map<String, String> environment, List<String> envFiles, List<BindMount> volumes,
      List<PortBinding> ports, Map<String, Condition> dependsOn, Optional<Healthcheck> healthcheck, Restart restart,
      Optional<Long> memLimitBytes, Optional<Double> cpus, Optional<String> user, boolean readOnly, List<String> tmpfs,
      boolean init, Map<String, String> labels) {}

  /** How to build a service's image: a context directory, its Dockerfile and build arguments. */
  public record Build(String context, String dockerfile, Map<String, String> args) {}

  /** A host directory or file under /data, /volatile or /app/etc, mounted into the container. */
  public record BindMount(String host, String container, boolean readOnly) {}

  /** A published port: host address and port to container port. */
  public record PortBinding(String hostIp, int hostPort, int containerPort) {}

  /** What a dependency must reach before the dependent service starts. */
  public enum Condition { SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY }

  /** The restart policy. */
  public enum Restart { NO, ALWAYS, ON_FAILURE, UNLESS_STOPPED }

  /** A container healthcheck; {@code test} as Docker takes it ({@code CMD ...} or {@code CMD-SHELL ...}). */
  public record Healthcheck(List<String> test, Duration interval, Duration timeout, int retries, Duration startPeriod) {}

  /**
   * The {@code x-appliance} settings.
   *
   * @param proxy the front proxy service, the only one whose ports may listen beyond 127.0.0.1
   * @param web the service and port the front proxy serves, and its health path
   * @param migrate the one-off migration, if the application has one
   * @param database the PostgreSQL service dumped before a migration
   * @param secrets the secrets the stack needs, which env-new generates
   * @param directories the owners and modes of bind-mounted directories, in file order
   * @param front the stack's changes to the headers of the front proxy, {@link Front#NONE} without x-appliance/front
   */
  public record ApplianceSettings(Optional<String> proxy, Web web, Optional<Migrate> migrate,
      Optional<String> database, List<SecretRequest> secrets, List<Directory> directories, Front front) {}

  /**
   * {@code x-appliance/front}: the stack's changes to the headers the front proxy sends on every HTTPS answer (some
   * applications frame themselves, or send their own policy).
   *
   * @param headers by name as written, in file order: the value the front sends instead of its default (or besides
   *     its defaults, for another name), or empty for a default the front does not send
   */
  public record Front(Map<String, Optional<String>> headers) {

    /** A stack that changes nothing. */
    public static final Front NONE = new Front(Map.of());

    /**
     * {@code defaults} as this stack changes them: a name matches a default whatever its case, and takes its place
     * (or removes it); other names come after the defaults.
     */
    public Map<String, String> applyTo(Map<String, String> defaults) {
      Map<String, String> result = new LinkedHashMap<>();
      defaults.forEach((name, value) -> {
        Optional<String> given = given(name);
        if (given.isEmpty()) {
          result.put(name, value);
        } else {
          headers.get(given.get()).ifPresent(v -> result.put(given.get(), v));
        }
      });
      headers.forEach((name, value) -> {
        if (defaults.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
          value.ifPresent(v -> result.put(name, v));
        }
      });
      return result;
    }

    private Optional<String> given(String name) {
      return headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst();
    }
  }

  /** The service behind the front proxy. */
  public record Web(String service, int port, String healthPath) {}

  /**
   * The migration command, run as a one-off container of {@code service}.
   *
   * @param compatible whether the running version works on the migrated schema (expand/contract), so that an update
   *     migrates while it serves and then switches without downtime
   */
  public record Migrate(String service, List<String> command, boolean compatible) {}

  /** A secret the stack needs, generated by env-new into {@code app/secrets}. */
  public record SecretRequest(String name, SecretKind kind) {}

  /**
   * A bind-mounted host directory that prepare-appliance creates with this owner and mode, because the images' users
   * (numeric, they live in the images) must write there.
   *
   * @param path the host path, normalised, under /data or /volatile, at or under some service's bind mount
   * @param uid the owner's numeric user ID, 0 to 65535
   * @param gid the owner's numeric group ID, 0 to 65535
   * @param mode the permissions as {@code rwxr-x---}, the form {@code PosixFilePermissions.fromString} takes; never
   *     setuid, setgid or sticky
   */
  public record Directory(String path, int uid, int gid, String mode) {

    /**
     * The appliance's own directories under /data and /volatile, whose owners and modes its storage layout sets: a
     * stack may not declare them, nor anything below them.
     */
    public static final List<String> APPLIANCE_OWN = List.of("/data/etc", "/data/tls", "/data/ca", "/data/pgdump",
        "/data/postgresql", "/data/vault", "/volatile/redis", "/volatile/docker");
  }

  /** Kinds of secrets env-new can generate. */
  public enum SecretKind { PASSWORD, TOKEN, RSA_KEY, OPENPGP_KEY }
}
