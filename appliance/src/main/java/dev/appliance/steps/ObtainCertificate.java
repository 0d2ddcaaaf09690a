package dev.appliance.steps;

import dev.appliance.acme.AcmeSettings;
import dev.appliance.acme.CertificateIssuance;
import dev.appliance.acme.RenewalPolicy;
import dev.appliance.alerts.Alert;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.secrets.Pem;
import dev.appliance.tls.ServerCertificate;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * The certificate from the ACME CA, when it is due (or now, when asked): ordered through the running front, checked,
 * and put in place for the next {@link ReloadFront}. A failure never breaks the front: the served certificate stays,
 * the failure is alerted ({@code tls/acme}) and kept for the command's exit code, and the step itself succeeds.
 */
final class ObtainCertificate implements Step {

  /** The alert of a certificate that could not be obtained; resolved by the next one issued. */
  static final String ALERT = "tls/acme";

  private final EnvConfig env;
  private final Front front;
  private final boolean evenIfNotDue;
  private final boolean preflight;
  private CertificateIssuance.Failure failure;
  private X509Certificate issued;

  ObtainCertificate(EnvConfig env, Front front, boolean evenIfNotDue, boolean preflight) {
    this.env = env;
    this.front = front;
    this.evenIfNotDue = evenIfNotDue;
    this.preflight = preflight;
  }

  @Override
  public String name() {
    return "certificate from the ACME CA";
  }

  /** The certificate the last {@link #apply} put in place, if it got one. */
  Optional<X509Certificate> issued() {
    return Optional.ofNullable(issued);
  }

  /** Why the last {@link #apply} got no certificate, if it did not. */
  Optional<CertificateIssuance.Failure> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    Optional<AcmeSettings> settings = AcmeSettings.of(env);
    if (settings.isEmpty()) {
      return Optional.of("not wanted (" + (env.appliance().ssl().own().isPresent() ? "the env gives its own certificate"
          : "appliance/ssl/letsencrypt/enabled is false") + ")");
    }
    if (!front.running()) {
      return Optional.of("left to the next start: the front proxy, which the CA must reach, is not running");
    }
    if (evenIfNotDue) {
      return Optional.empty();
    }
    CertificateIssuance issuance = issuance(context, settings.get());
    Optional<String> blocked = issuance.blocked();
    if (blocked.isPresent()) {
      return Optional.of("waiting, " + blocked.get());
    }
    RenewalPolicy.Decision due = issuance.due(new ServerCertificate(context.root()).current());
    return due.due() ? Optional.empty() : Optional.of(due.reason());
  }

  @Override
  public void apply(StepContext context) throws Exception {
    AcmeSettings settings = AcmeSettings.of(env).orElseThrow();
    try {
      CertificateIssuance.Issued issued = issuance(context, settings).issue(preflight && settings.preflight(), certificate -> install(context,
          certificate));
      X509Certificate leaf = issued.chain().get(0);
      this.issued = leaf;
      context.log().accept("certificate: issued by " + issued.ca() + " (" + leaf.getIssuerX500Principal().getName()
          + ") for " + String.join(", ", settings.names()) + ", valid until " + leaf.getNotAfter().toInstant());
      context.alerts().resolve(ALERT, "a certificate was issued by " + issued.ca());
    } catch (CertificateIssuance.Failure e) {
      fail(context, settings, e.getMessage());
      failure = e;
    } catch (IOException | RuntimeException e) {
      // Whatever else goes wrong on the way to a certificate, the front keeps the one it serves and the step succeeds.
      failure = CertificateIssuance.Failure.unexpected(e);
      fail(context, settings, failure.getMessage());
    }
  }

  private static void install(StepContext context, CertificateIssuance.Issued issued) throws IOException {
    String chain = issued.chain().stream().map(Pem::write).collect(Collectors.joining());
    new ServerCertificate(context.root()).install(Pem.write(new JcaPKCS8Generator(issued.key().getPrivate(), null)),
        chain, context.clock().instant());
  }

  private static void fail(StepContext context, AcmeSettings settings, String why) {
    context.log().accept("certificate: " + why + "; the front keeps serving its current certificate");
    context.alerts().raise(Alert.warning(ALERT, "no certificate from " + settings.directory(), why
        + ". The front keeps serving its current certificate. See: appliance certificate status"));
  }

  private CertificateIssuance issuance(StepContext context, AcmeSettings settings) {
    return new CertificateIssuance(context.root(), settings, front.httpPort(), context.clock(), context.sleeper(),
        context.log());
  }
}
