package dev.appliance.metrics;

import dev.appliance.alerts.Severity;
import dev.appliance.status.StatusReport;
import dev.appliance.status.StatusReport.ServiceStatus;
import dev.appliance.backup.BackupStatus;
import dev.appliance.update.UpdateStatus;
import dev.appliance.tls.ServedCertificate;
import dev.appliance.tls.ServedCheck;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The appliance's metrics, made at each scrape from one {@link StatusReport} (what {@code appliance status} shows)
 * and the supervisor's restart counts; nothing is kept between scrapes.
 */
public final class ApplianceMetrics implements MultiCollector {

  /** Reads the report that one scrape is made from. */
  @FunctionalInterface
  public interface Reports {
    StatusReport read() throws IOException;
  }

  private final Reports reports;
  private final Supplier<Map<String, Integer>> restarts;
  private final Labels version;

  /**
   * @param restarts each service's restarts since the supervisor began
   * @param stack the stack's name and {@code version} the appliance's, for the info metric
   */
  public ApplianceMetrics(Reports reports, Supplier<Map<String, Integer>> restarts, String stack, String version) {
    this.reports = reports;
    this.restarts = restarts;
    this.version = Labels.of("stack", stack, "version", version);
  }

  /** @throws UncheckedIOException when the report cannot be read: the scrape fails, and Prometheus' up says so */
  @Override
  public MetricSnapshots collect() {
    try {
      return of(reports.read(), restarts.get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the appliance's status: " + e.getMessage(), e);
    }
  }

  private MetricSnapshots of(StatusReport report, Map<String, Integer> restarted) {
    List<ServiceStatus> services = report.services();
    boolean serving = report.supervisor() != null && report.failed() == null
        && services.stream().allMatch(ApplianceMetrics::running);
    List<MetricSnapshot> metrics = new ArrayList<>(List.of(
        gauge("appliance_up", "1 while the supervisor serves: not failed, and every service's container running", serving),
        gauge("appliance_failed", "1 while the appliance is failed (appliance status gives the reason)", report.failed() != null),
        gauge("appliance_maintenance", "1 while the maintenance page is shown", report.maintenance() != null),
        perService("appliance_service_up", "1 while the service's container runs", services, s -> flag(running(s))),
        perService("appliance_service_healthy", "1 while the service's container runs and passes its healthcheck, if it"
            + " has one", services, s -> flag(running(s) && !s.health().equals("unhealthy") && !s.health().equals("starting"))),
        restarts(services, restarted),
        InfoSnapshot.builder().name("appliance_version").help("The appliance's version and the stack it runs")
            .dataPoint(InfoDataPointSnapshot.builder().labels(version).build()).build()));
    if (report.certificateExpires() != null) {
      metrics.add(gauge("appliance_tls_certificate_expiry_timestamp_seconds", "When the server certificate expires",
          Labels.EMPTY, Instant.parse(report.certificateExpires()).getEpochSecond()));
    }
    if (report.servedCertificate() != null) {
      metrics.addAll(served(report.servedCertificate()));
    }
    metrics.addAll(backup(report.backup()));
    metrics.addAll(update(report.update()));
    GaugeSnapshot.Builder free = GaugeSnapshot.builder().name("appliance_filesystem_free_bytes")
        .help("What the services can still write on the path's file system");
    GaugeSnapshot.Builder size = GaugeSnapshot.builder().name("appliance_filesystem_size_bytes")
        .help("The path's file system: used and free, as df counts its percentage (the root's reserve left out)");
    for (StatusReport.SpaceStatus space : report.space()) {
      free.dataPoint(point(Labels.of("path", space.path()), space.freeBytes()));
      size.dataPoint(point(Labels.of("path", space.path()), space.sizeBytes()));
    }
    metrics.add(free.build());
    metrics.add(size.build());
    GaugeSnapshot.Builder open = GaugeSnapshot.builder().name("appliance_alerts_open")
        .help("The appliance's open alerts (appliance status lists them), by severity");
    for (Severity severity : Severity.values()) {
      open.dataPoint(point(Labels.of("severity", severity.label()),
          report.alerts().stream().filter(a -> a.severity() == severity).count()));
    }
    metrics.add(open.build());
    return new MetricSnapshots(metrics);
  }

  /** The last update's result (1 done, 0 rolled back, not attempted or failed) and when it ended; none before one ended. */
  private static List<MetricSnapshot> update(UpdateStatus update) {
    List<MetricSnapshot> metrics = new ArrayList<>();
    if (update.succeeded() != null) {
      metrics.add(gauge("appliance_update_last_result", "1 if the last update ended in done, 0 if it was rolled back,"
          + " not attempted or failed", update.succeeded()));
      metrics.add(gauge("appliance_update_last_timestamp_seconds", "When the last update ended", Labels.EMPTY,
          Instant.parse(update.at()).getEpochSecond()));
    }
    return metrics;
  }

  /** The last verified backup and the last passed restore drill: what the age alerts are measured on. */
  private static List<MetricSnapshot> backup(BackupStatus backup) {
    List<MetricSnapshot> metrics = new ArrayList<>();
    if (backup.lastVerified() != null) {
      metrics.add(gauge("appliance_backup_last_verified_timestamp_seconds", "When the last verified backup ended",
          Labels.EMPTY, Instant.parse(backup.lastVerified()).getEpochSecond()));
      metrics.add(gauge("appliance_backup_last_duration_seconds", "How long the last verified backup took, verification"
          + " included", Labels.EMPTY, backup.lastDurationMs() / 1000.0));
      metrics.add(gauge("appliance_backup_last_size_bytes", "What the last verified backup read: the dump and the files",
          Labels.EMPTY, backup.lastBytes()));
    }
    metrics.add(gauge("appliance_backup_last_failed", "1 if the last backup failed (no verified one since)",
        backup.lastFailed() != null));
    if (backup.drillLastSuccess() != null) {
      metrics.add(gauge("appliance_restore_drill_last_success_timestamp_seconds", "When the restore drill last passed",
          Labels.EMPTY, Instant.parse(backup.drillLastSuccess()).getEpochSecond()));
    }
    return metrics;
  }

  /** The last check of the served certificate: when, whether it succeeded, and what it (or the one before) saw. */
  private static List<MetricSnapshot> served(ServedCheck check) {
    List<MetricSnapshot> metrics = new ArrayList<>(List.of(
        gauge("appliance_tls_served_check_timestamp_seconds", "When the supervisor last read the certificate the front"
            + " serves", Labels.EMPTY, Instant.parse(check.checked()).getEpochSecond()),
        gauge("appliance_tls_served_check_success", "1 if the last TLS handshake with the front succeeded", check.ok())));
    ServedCertificate served = check.certificate();
    if (served != null) {
      metrics.add(gauge("appliance_tls_served_certificate_expiry_timestamp_seconds", "When the certificate the front"
          + " serves expires", Labels.of("subject", served.subject(), "issuer", served.issuer()),
          served.expires().getEpochSecond()));
    }
    return metrics;
  }

  private static boolean running(ServiceStatus service) {
    return service.state().equals("running");
  }

  private static double flag(boolean value) {
    return value ? 1 : 0;
  }

  private static GaugeSnapshot gauge(String name, String help, boolean value) {
    return gauge(name, help, Labels.EMPTY, flag(value));
  }

  private static GaugeSnapshot gauge(String name, String help, Labels labels, double value) {
    return GaugeSnapshot.builder().name(name).help(help).dataPoint(point(labels, value)).build();
  }

  private static GaugeDataPointSnapshot point(Labels labels, double value) {
    return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
  }

  private static GaugeSnapshot perService(String name, String help, List<ServiceStatus> services,
      Function<ServiceStatus, Double> value) {
    GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
    services.forEach(s -> gauge.dataPoint(point(Labels.of("service", s.name()), value.apply(s))));
    return gauge.build();
  }

  /** Every service of the stack, 0 until its first restart, so that Prometheus sees each counter rise from 0. */
  private static CounterSnapshot restarts(List<ServiceStatus> services, Map<String, Integer> restarted) {
    CounterSnapshot.Builder counter = CounterSnapshot.builder().name("appliance_service_restarts")
        .help("Restarts of the service by the supervisor since it started");
    services.forEach(s -> counter.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("service", s.name()))
        .value(restarted.getOrDefault(s.name(), 0)).build()));
    return counter.build();
  }
}
