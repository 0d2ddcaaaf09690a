package dev.appliance.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.appliance.alerts.AlertStore;
import dev.appliance.alerts.ChannelResults;
import dev.appliance.app.Tags;
import dev.appliance.backup.BackupStatus;
import dev.appliance.update.Update;
import dev.appliance.update.UpdateStatus;
import dev.appliance.docker.EngineListing;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.failure.FailureFlag;
import dev.appliance.host.HostRoot;
import dev.appliance.proxy.MaintenancePage;
import dev.appliance.stack.Stack;
import dev.appliance.steps.ApplianceLock;
import dev.appliance.storage.DiskSpace;
import dev.appliance.storage.DiskUsage;
import dev.appliance.storage.SpaceLevel;
import dev.appliance.supervise.RunState;
import dev.appliance.tls.ServedCheck;
import dev.appliance.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code appliance status} shows, read from the state files and one container listing.
 *
 * @param envSource where the active env came from, or null if there is none
 * @param envProblems the active env's problems, if it was changed after prepare-env checked it
 * @param supervisor the running supervisor ({@code pid N (run, since ...)}), or null if none runs
 * @param preparing the holder of the one lock (a prepare step at work, a supervisor starting), or null
 * @param failed the failure reason, or null
 * @param maintenance the maintenance page's title, or null when it is off
 * @param maintenanceByOperator whether an operator holds it
 * @param services each service's state
 * @param tags each tag's time of writing
 * @param flags the flags set in /app/etc/flags
 * @param space how full /data and /volatile are, each with its level
 * @param certificateExpires the server certificate's expiry (ISO-8601), or null
 * @param servedCertificate the supervisor's last check of the certificate the front serves, or null before the first
 * @param backup the last backup, its failure and the restore drill
 * @param update the running version and the last update
 * @param alerts the open alerts, the worst first
 * @param channels each alert channel's last result
 * @param engine null if the engine answered, else why not
 * @param network the firewall and the VPN
 */
public record StatusReport(String envSource, List<String> envProblems, String supervisor, String preparing, String failed,
    String maintenance, boolean maintenanceByOperator, List<ServiceStatus> services, Map<String, String> tags,
    List<String> flags, List<SpaceStatus> space, String certificateExpires, ServedCheck servedCertificate,
    BackupStatus backup, UpdateStatus update, List<AlertStore.OpenAlert> alerts, List<ChannelResults.ChannelResult> channels, String engine,
    NetworkStatus network) {

  /** One service: its container's state and health, restarts by the supervisor, and whether it is the front proxy. */
  public record ServiceStatus(String name, String state, String health, int restarts, boolean proxy) {

    boolean running() {
      return state.equals("running");
    }
  }

  /**
   * One path's space: used percent, free MiB and its level ({@code ok}, {@code warning}, {@code critical}); and in
   * bytes, what is free and the size the percentage counts (used and free, the root's reserve left out).
   */
  public record SpaceStatus(String path, int usedPercent, long freeMib, SpaceLevel level, long freeBytes, long sizeBytes) {}

  /** Who holds one of the appliance's locks ({@code Installation::holder}: it never probes one its process holds). */
  @FunctionalInterface
  public interface LockHolders {
    Optional<String> holder(ApplianceLock lock) throws IOException;
  }

  /**
   * Reads the report; the engine may be unreachable, which the report then says.
   *
   * @param minimumFreeMib the free space under which a path is critical ({@code --min-free})
   */
  public static StatusReport read(HostRoot root, Stack stack, EngineListing listing, Clock clock, long minimumFreeMib,
      LockHolders locks) throws IOException {
    Optional<String> supervisor = locks.holder(ApplianceLock.SUPERVISOR);
    // Restarts count while their supervisor runs, within its budget's window; a dead one's are history.
    Map<String, Integer> restarts = supervisor.isPresent() ? new RunState(root).restartsWithin(clock.instant()) : Map.of();
    List<ServiceStatus> services = new ArrayList<>();
    String engine = null;
    Map<String, EngineListing.Row> containers = new LinkedHashMap<>();
    try {
      listing.containers(stack.name()).forEach(row -> containers.put(row.service(), row));
    } catch (IOException e) {
      engine = "the Docker engine does not answer: " + e.getMessage();
    }
    for (String service : stack.services().keySet()) {
      EngineListing.Row c = containers.get(service);
      String state = c == null ? "no container" : c.state();
      String health = c == null ? "" : health(c.status());
      services.add(new ServiceStatus(service, state, health, restarts.getOrDefault(service, 0),
          stack.appliance().proxy().map(service::equals).orElse(false)));
    }
    Tags tags = new Tags(root, clock);
    Map<String, String> tagTimes = new LinkedHashMap<>();
    for (String tag : List.of(Tags.LAST_PREPARED, Tags.LAST_MIGRATED, Tags.LAST_RUNNING, Tags.LAST_FAILED)) {
      tags.written(tag).ifPresent(t -> tagTimes.put(tag, t));
    }
    List<String> flags = new ArrayList<>();
    if (Files.isDirectory(root.flags())) {
      try (var list = Files.list(root.flags())) {
        list.map(p -> p.getFileName().toString()).sorted().forEach(flags::add);
      }
    }
    List<SpaceStatus> space = new ArrayList<>();
    DiskSpace disk = DiskSpace.of(root);
    for (String path : DiskSpace.PATHS) {
      if (Files.isDirectory(root.resolve(path))) {
        DiskUsage usage = disk.usage(path);
        space.add(new SpaceStatus(path, usage.usedPercent(), usage.freeMib(), usage.level(minimumFreeMib),
            usage.availableBytes(), usage.sizeBytes()));
      }
    }
    MaintenancePage page = new MaintenancePage(root, clock);
    return new StatusReport(ActiveEnv.source(root).orElse(null), ActiveEnv.problems(root), supervisor.orElse(null),
        locks.holder(ApplianceLock.EXCLUSIVE).orElse(null), new FailureFlag(root, clock).reason().orElse(null),
        page.shown().orElse(null), page.operatorHeld(), services, tagTimes, flags, space,
        certificateExpiry(new ServerCertificate(root).certificateFile()), ServedCheck.read(root).orElse(null),
        BackupStatus.read(root, locks.holder(ApplianceLock.WORK)),
        UpdateStatus.read(root, Update.runningLabel(root, stack, clock)), new AlertStore(root).open(), new ChannelResults(root).all(), engine,
        NetworkStatus.read(root));
  }

  /** The expiry of the first certificate in {@code file}, read with the JDK alone (Bouncy Castle is slow to load). */
  private static String certificateExpiry(java.nio.file.Path file) {
    try (var in = Files.newInputStream(file)) {
      var certificate = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
      return certificate.getNotAfter().toInstant().toString();
    } catch (IOException | java.security.cert.CertificateException e) {
      return null;
    }
  }

  /** "healthy", "unhealthy" or "starting" from Docker's status text, such as "Up 5 minutes (healthy)". */
  private static String health(String status) {
    for (String health : List.of("unhealthy", "healthy", "health: starting")) {
      if (status.contains("(" + health + ")")) {
        return health.replace("health: ", "");
      }
    }
    return "";
  }

  /** The last check of what the front serves, with the open alerts about it. */
  private String describeServed() {
    if (servedCertificate == null) {
      return "not checked yet (the supervisor checks once serving, then daily)";
    }
    List<String> open = alerts.stream().map(AlertStore.OpenAlert::key).filter(k -> k.startsWith("tls/")).toList();
    return servedCertificate.describe() + (open.isEmpty() ? "" : "; alert open: " + String.join(", ", open));
  }

  /** What the appliance as a whole is in. */
  public enum State {
    RUNNING, STARTING, PREPARING, STOPPED, UNSUPERVISED, DISK_FULL, INVALID_ENV, FAILED;

    /** {@code appliance status}'s exit code: 0 running, 3 stopped (as systemctl says it), 1 anything to look into. */
    public int exitCode() {
      return switch (this) {
        case RUNNING -> 0;
        case STOPPED -> 3;
        default -> 1;
      };
    }
  }

  @JsonProperty("state")
  public State state() {
    if (failed != null) {
      return State.FAILED;
    }
    if (!envProblems.isEmpty()) {
      return State.INVALID_ENV;
    }
    if (spaceCritical()) {
      return State.DISK_FULL;
    }
    if (supervisor != null) {
      return services.stream().allMatch(ServiceStatus::running) ? State.RUNNING : State.STARTING;
    }
    if (preparing != null) {
      return State.PREPARING;
    }
    // The front alone shows a page (standby, not configured); the application without a supervisor is unwatched.
    return services.stream().anyMatch(s -> s.running() && !s.proxy()) ? State.UNSUPERVISED : State.STOPPED;
  }

  private String describeState() {
    return switch (state()) {
      case FAILED -> "FAILED: " + failed + "\n             recover: " + FailureFlag.RECOVERY;
      case INVALID_ENV -> "INVALID ENV: the active env was changed after prepare-env checked it (see env below)";
      case UNSUPERVISED -> "NOT SUPERVISED: containers run, but no supervisor watches them (it ended or was killed);"
          + " start it: systemctl restart appliance (or appliance run)";
      case DISK_FULL -> "DISK CRITICALLY FULL: services fail to write (see space below); free space, then look at"
          + " the services (appliance status, journalctl -u appliance)";
      case PREPARING -> "preparing: " + preparing + " is at work";
      case STOPPED -> "stopped";
      case STARTING -> "starting or restarting a service (supervisor " + supervisor + ")";
      case RUNNING -> "running (supervisor " + supervisor + ")";
    };
  }

  /** Whether a path is so full that services fail to write, or soon will. */
  private boolean spaceCritical() {
    return space.stream().anyMatch(s -> s.level() == SpaceLevel.CRITICAL);
  }

  /** The report for people. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("state:       " + describeState());
    lines.add("env:         " + Optional.ofNullable(envSource).orElse("none (run: appliance prepare-env)"));
    if (!envProblems.isEmpty()) {
      lines.add("             INVALID, fix it and run appliance prepare-env:");
      envProblems.forEach(problem -> lines.add("               " + problem));
    }
    lines.add("maintenance: " + (maintenance == null ? "off" : "on (" + maintenance + (maintenanceByOperator
        ? ", held by the operator: appliance maintenance off)" : ")")));
    lines.add("services:");
    if (engine != null) {
      lines.add("  " + engine);
    }
    for (ServiceStatus s : services) {
      lines.add(String.format("  %-12s %-12s %-10s restarts %d", s.name(), s.state(), s.health(), s.restarts()));
    }
    lines.add("tags:        " + (tags.isEmpty() ? "none" : tags.toString().replaceAll("[{}]", "")));
    lines.add("flags:       " + (flags.isEmpty() ? "none" : String.join(", ", flags)));
    space.forEach(s -> lines.add(String.format("space:       %-9s %3d %% used, %d MiB free: %s", s.path(), s.usedPercent(),
        s.freeMib(), s.level())));
    lines.add("certificate: " + Optional.ofNullable(certificateExpires).map(e -> "expires " + e).orElse("none"));
    lines.add("  served:    " + describeServed());
    lines.addAll(network.lines());
    lines.addAll(backup.lines());
    lines.addAll(update.lines());
    lines.add("alerts:      " + (alerts.isEmpty() ? "none open" : alerts.size() + " open"));
    alerts.forEach(a -> lines.add("  " + a.severity().label() + " [" + a.key() + "] since " + a.since() + ": " + a.summary()));
    lines.add(channels.isEmpty() ? "channels:    none used yet" : "channels:");
    channels.forEach(c -> lines.add("  " + c.describe()));
    return lines;
  }
}
