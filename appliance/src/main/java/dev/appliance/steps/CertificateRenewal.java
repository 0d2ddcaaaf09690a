package dev.appliance.steps;

import dev.appliance.acme.AcmeSettings;
import dev.appliance.acme.CertificateIssuance;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.stack.Stack;
import dev.appliance.tls.ServedCertificate;
import dev.appliance.tls.ServedCertificateWatch;
import dev.appliance.tls.ServedCheck;
import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code appliance certificate issue|renew}: the certificate from the ACME CA, then the client-certificate CA's
 * revocation list re-signed when due, under the appliance's one lock (prepare-appliance writes the same files), the
 * front reloaded (never restarted) after each that changed.
 */
public final class CertificateRenewal {

  /** How long a renewal waits for a prepare or a restore to let go of the lock. */
  static final Duration PATIENCE = Duration.ofMinutes(2);
  /** How long the front's new workers may take to serve the new certificate after the reload. */
  static final Duration SERVED_WITHIN = Duration.ofSeconds(15);

  private final Installation installation;

  public CertificateRenewal(Installation installation) {
    this.installation = installation;
  }

  /**
   * How a run ended: a certificate issued and served, or why none was, or neither (nothing due, the front stopped).
   */
  public record Result(Optional<X509Certificate> issued, Optional<CertificateIssuance.Failure> failure) {}

  /**
   * Orders a certificate when it is due, or at once with {@code evenIfNotDue}, which is bad input when the env
   * wants no certificate from an ACME CA.
   */
  public Result run(boolean evenIfNotDue, boolean preflight) throws Exception {
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    if (evenIfNotDue && AcmeSettings.of(env).isEmpty()) {
      throw new Cli.BadInputException("the active env wants no certificate from an ACME CA ("
          + (env.appliance().ssl().own().isPresent() ? "it gives its own, appliance/ssl/cert"
              : "appliance/ssl/letsencrypt/enabled is false") + ")");
    }
    Stack stack = installation.stack(env);
    Front front = Front.of(installation, stack);
    installation.await(ApplianceLock.EXCLUSIVE, "certificate", PATIENCE);
    ObtainCertificate obtain = new ObtainCertificate(env, front, evenIfNotDue, preflight);
    new Recipe("certificate", List.of(obtain, new ReloadFront(front))).run(installation);
    if (obtain.issued().isPresent()) {
      confirmServed(env, obtain.issued().get());
    }
    // The client CA's CRL after the server certificate, so that a broken client CA never holds back its renewal.
    new Recipe("certificate", List.of(new InstallClientCa(env), new ReloadFront(front))).run(installation);
    return new Result(obtain.issued(), obtain.failure());
  }

  /**
   * What the front serves after the reload, read by a handshake as a visitor's browser would: the new certificate,
   * which also resolves the expiry alerts at once, or a failure saying what is served instead.
   */
  private void confirmServed(EnvConfig env, X509Certificate leaf) throws IOException, CertificateEncodingException,
      InterruptedException {
    ServedCertificateWatch watch = ServedCertificateWatch.onFront(installation.root(), installation.httpsPort(),
        env.appliance().domain().name(), installation.clock(), installation.alerts(), installation.log());
    String wanted = ServedCertificate.of(leaf).sha256();
    // nginx -s reload returns once signalled: new workers take over a moment later.
    Instant until = installation.clock().instant().plus(SERVED_WITHIN);
    ServedCheck check = watch.check();
    while (!served(check, wanted) && installation.clock().instant().isBefore(until)) {
      installation.sleeper().sleep(Duration.ofMillis(250));
      check = watch.check();
    }
    if (!served(check, wanted)) {
      throw new IOException("the front does not serve the new certificate " + SERVED_WITHIN.toSeconds()
          + " s after its reload (" + check.describe()
          + "); the next prepare-appliance or 'appliance certificate renew' reloads it again; see: appliance status");
    }
    installation.log().accept("certificate: the front serves it (" + check.describe() + ")");
  }

  private static boolean served(ServedCheck check, String sha256) {
    return check.ok() && check.certificate().sha256().equals(sha256);
  }
}
