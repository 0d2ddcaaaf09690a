package dev.appliance.tls;

import dev.appliance.alerts.Alert;
import dev.appliance.alerts.Alerts;
import dev.appliance.alerts.Severity;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The supervisor's daily look at the certificate the front serves, which catches a renewal that stopped and one that
 * was not reloaded alike. It alerts 21 and 14 days before the expiry (warnings, {@code tls/expiry/21} and
 * {@code tls/expiry/14}), 7 days before ({@code tls/expiry/7}) and once expired ({@code tls/expiry/0}), both
 * critical, each key as the certificate crosses it; a certificate with more time left than every threshold that
 * applies resolves them all. A threshold of T days applies only to a certificate that lives longer than 3 T days:
 * renewed when a third of its lifetime is left, it is replaced before T, so that its alert means a failed renewal,
 * never a routine one (a 45-day certificate gets 14 and 7, a 6-day one of a test CA only the expiry). A handshake
 * that fails is {@code tls/served} (a warning), tried again after 5 minutes and resolved by the next that succeeds.
 * Each check is recorded for status and the metrics ({@link ServedCheck}).
 */
public final class ServedCertificateWatch {

  /** Reads the certificate served for a domain. */
  @FunctionalInterface
  public interface Probe {
    ServedCertificate served(String domain) throws IOException;
  }

  static final Duration EVERY = Duration.ofHours(24);
  static final Duration RETRY = Duration.ofMinutes(5);
  /** The thresholds in days, the nearest first; 0 is the expiry itself. */
  static final List<Integer> THRESHOLDS = List.of(0, 7, 14, 21);
  static final String EXPIRY = "tls/expiry/";
  static final String HANDSHAKE = "tls/served";
  private static final String RENEW = "Let's Encrypt: appliance certificate status says why it was not renewed, and"
      + " appliance certificate renew tries now; your own certificate: put the new one into the env (appliance/ssl/cert"
      + " and key), then run appliance prepare-env and appliance prepare-appliance. If /data/tls/server.crt expires"
      + " later than this (openssl x509 -noout -enddate -in /data/tls/server.crt), it was renewed but the front did not"
      + " reload it: appliance prepare-appliance reloads it.";

  private final Probe probe;
  private final HostRoot root;
  private final String domain;
  private final Clock clock;
  private final Alerts alerts;
  private final Consumer<String> log;
  private Instant next = Instant.MIN;

  public ServedCertificateWatch(Probe probe, HostRoot root, String domain, Clock clock, Alerts alerts,
      Consumer<String> log) {
    this.probe = probe;
    this.root = root;
    this.domain = domain;
    this.clock = clock;
    this.alerts = alerts;
    this.log = log;
  }

  /** The watch on the front's {@code httpsPort} on 127.0.0.1, with {@code domain} as SNI. */
  public static ServedCertificateWatch onFront(HostRoot root, int httpsPort, String domain, Clock clock, Alerts alerts,
      Consumer<String> log) {
    return new ServedCertificateWatch(new FrontHandshake(httpsPort), root, domain, clock, alerts, log);
  }

  /** Checks if the last check is a day ago (5 minutes after a failed one); called as often as the caller likes. */
  public void poll() {
    if (clock.instant().isBefore(next)) {
      return;
    }
    try {
      check();
    } catch (IOException e) {
      log.accept("the served certificate's check cannot be recorded: " + e.getMessage());
    }
  }

  /**
   * Checks now: a handshake, the alerts raised or resolved, the result recorded. After a renewal and the front's
   * reload, this resolves the expiry alerts at once.
   *
   * @return what was served (or why the handshake failed)
   * @throws IOException when the result cannot be recorded in /run/appliance (the alerts are raised or resolved)
   */
  public ServedCheck check() throws IOException {
    Instant now = clock.instant();
    ServedCheck check;
    try {
      ServedCertificate served = probe.served(domain);
      next = now.plus(EVERY);
      alerts.resolve(HANDSHAKE, "the front serves " + served.subject() + " again");
      alertExpiry(served, now);
      check = new ServedCheck(now.toString(), served, null);
    } catch (IOException e) {
      next = now.plus(RETRY);
      alerts.raise(Alert.warning(HANDSHAKE, "no TLS handshake with the front for " + domain + ": " + e.getMessage(),
          "Visitors may not reach https://" + domain + "/ either, and the served certificate's expiry is not checked."
              + " Look at the front proxy's container: appliance status; journalctl -u appliance. Tried again in "
              + RETRY.toMinutes() + " minutes."));
      Optional<ServedCheck> before = ServedCheck.read(root);
      check = new ServedCheck(now.toString(), before.map(ServedCheck::certificate).orElse(null), e.getMessage());
    }
    check.write(root);
    return check;
  }

  private void alertExpiry(ServedCertificate served, Instant now) {
    Duration left = Duration.between(now, served.expires());
    Optional<Integer> due = THRESHOLDS.stream()
        .filter(days -> applies(days, served.lifetime()) && left.compareTo(Duration.ofDays(days)) <= 0).findFirst();
    if (due.isEmpty()) {
      alerts.resolveAll(EXPIRY, "the front serves " + served.describe(now));
      return;
    }
    // A certificate that came with less time left than before: the nearer thresholds it has not reached are over.
    THRESHOLDS.stream().filter(days -> days < due.get())
        .forEach(days -> alerts.resolve(key(days), "the front serves " + served.describe(now)));
    int days = due.get();
    Severity severity = days <= 7 ? Severity.CRITICAL : Severity.WARNING;
    alerts.raise(new Alert(severity, key(days), "the certificate served for " + domain + " " + served.expiry(now),
        "Served: " + served.describe(now) + " (SHA-256 " + served.sha256() + "). " + RENEW));
  }

  /** Whether the threshold of {@code days} applies to a certificate of {@code lifetime} (see the class). */
  static boolean applies(int days, Duration lifetime) {
    return days == 0 || lifetime.compareTo(Duration.ofDays(3L * days)) > 0;
  }

  static String key(int days) {
    return EXPIRY + days;
  }
}
