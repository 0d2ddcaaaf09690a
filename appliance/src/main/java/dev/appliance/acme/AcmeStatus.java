package dev.appliance.acme;

import dev.appliance.host.HostRoot;
import dev.appliance.tls.CertificateCheck;
import dev.appliance.tls.ServerCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code appliance certificate status} says: the installed certificate, the CA, the account and the state. */
public final class AcmeStatus {

  private AcmeStatus() {}

  public static List<String> lines(HostRoot root, Optional<AcmeSettings> settings, Instant now) throws IOException {
    List<String> lines = new ArrayList<>();
    Optional<X509Certificate> installed = new ServerCertificate(root).current();
    lines.add("installed: " + installed.map(c -> describe(c, now)).orElse("none"));
    if (settings.isEmpty()) {
      lines.add("acme: not used (the env gives its own certificate, or appliance/ssl/letsencrypt/enabled is false)");
      return lines;
    }
    AcmeSettings acme = settings.get();
    lines.add("acme: " + acme.directory() + " (" + acme.directory().directory() + ") for " + String.join(", ", acme.names())
        + ", key " + acme.keyType() + acme.staging().map(s -> ", " + s + " first for new names").orElse(""));
    lines.add("account: " + new AcmeAccount(root).url(acme.directory().directory().toString()).orElse("not registered yet"));
    AcmeState state = AcmeState.load(root);
    lines.add("last order: " + state.lastOrder().map(Instant::toString).orElse("never")
        + "; last issued: " + state.lastIssued().map(Instant::toString).orElse("never"));
    state.blockedUntil(now).ifPresent(until -> lines.add("WAITING: no order before " + until + " after "
        + state.failures() + " failure(s): " + state.lastError().orElse("")));
    RenewalPolicy.Decision decision = RenewalPolicy.decide(installed, acme.names(), acme.keyType(), now);
    lines.add("renewal: " + (decision.due() ? "due: " + decision.reason() : "not due: " + decision.reason()));
    return lines;
  }

  private static String describe(X509Certificate certificate, Instant now) {
    long days = Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    return certificate.getSubjectX500Principal().getName() + ", issued by " + certificate.getIssuerX500Principal().getName()
        + ", names " + String.join(", ", CertificateCheck.dnsNames(certificate)) + ", valid until "
        + certificate.getNotAfter().toInstant() + " (" + days + " days)";
  }
}
