package dev.appliance.acme;

import dev.appliance.acme.AcmeSettings.CertificateAuthority;
import dev.appliance.host.HostRoot;
import dev.appliance.time.Sleeper;
import dev.appliance.tls.CertificateCheck;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;

/**
 * Gets a certificate for the env's names, or says why not, never in a loop: no order while the state blocks one (a
 * rate limit until its Retry-After, a failure until its backoff), none when the pre-flight fails, and every order
 * the CA refuses, or whose result fails {@link CertificateCheck}, blocks the next one. acme4j's exception types
 * decide which is which, never the text of a message.
 */
public final class CertificateIssuance {

  /** The CA was not asked, or refused, or what it gave cannot be served; the served certificate stays. */
  public static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why there is no certificate. */
    public enum Kind {
      /** An earlier failure or rate limit holds every order back until its time. */
      WAITING,
      /** The pre-flight check found a name the CA could not validate; the CA was not asked. */
      PREFLIGHT,
      /** The CA refused or failed, or issued something that cannot be served. */
      REFUSED
    }

    private final Kind kind;

    Failure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }

    /** Something on this machine failed on the way (a file, the network before the CA was reached). */
    public static Failure unexpected(Exception cause) {
      return new Failure(Kind.REFUSED, "no certificate: " + cause, cause);
    }
  }

  /** A key and chain that passed {@link CertificateCheck}, ready to be served. */
  public record Issued(KeyPair key, List<X509Certificate> chain, CertificateAuthority ca) {}

  private final HostRoot root;
  private final AcmeSettings settings;
  private final int httpPort;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Consumer<String> log;

  public CertificateIssuance(HostRoot root, AcmeSettings settings, int httpPort, Clock clock, Sleeper sleeper,
      Consumer<String> log) {
    this.root = root;
    this.settings = settings;
    this.httpPort = httpPort;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
  }

  /** Why no order may be placed now, if the state says so. */
  public Optional<String> blocked() throws IOException {
    AcmeState state = AcmeState.load(root);
    return state.blockedUntil(clock.instant()).map(until -> "no order before " + until + " (after "
        + state.failures() + " failed order" + (state.failures() == 1 ? "" : "s") + ": "
        + state.lastError().orElse("no reason kept") + "); once the cause is fixed, an operator may remove "
        + AcmeState.file(root) + " to order before then (a CA's rate limit holds whatever the appliance records)");
  }

  /**
   * Whether the served certificate is due for renewal; asks the CA for its renewal information when the policy
   * alone says not yet (a CA that cannot be reached for it leaves the policy's answer).
   */
  public RenewalPolicy.Decision due(Optional<X509Certificate> served) throws IOException {
    Instant now = clock.instant();
    RenewalPolicy.Decision decision = RenewalPolicy.decide(served, settings.names(), settings.keyType(), now);
    if (decision.due()) {
      return decision;
    }
    String directory = settings.directory().directory().toString();
    Optional<String> issuedBy = AcmeState.load(root).issuedBy();
    if (issuedBy.isPresent() && !issuedBy.get().equals(directory)) {
      return new RenewalPolicy.Decision(true, "the env names another CA (" + settings.directory() + ") than the one that"
          + " issued it (" + issuedBy.get() + ")");
    }
    try {
      AcmeOrder order = AcmeOrder.open(settings.directory(), new AcmeAccount(root), settings.email(),
          new ChallengeFolder(root), log);
      return RenewalPolicy.withSuggestion(decision, order.suggestedRenewal(served.get()), now);
    } catch (AcmeException | GeneralSecurityException | IOException | RuntimeException e) {
      log.accept("certificate: no renewal information from " + settings.directory() + " (" + e.getMessage() + ")");
      return decision;
    }
  }

  /** What serves a checked new pair; a failure to do so counts against the CA like a refused order. */
  @FunctionalInterface
  public interface Installer {
    void install(Issued issued) throws IOException;
  }

  /**
   * Pre-flight, then an order from each CA in turn (staging first where it applies), and the last CA's certificate
   * handed to {@code installer}. Only once it is installed does the state count the order as a success.
   */
  public Issued issue(boolean preflight, Installer installer) throws Failure, IOException, InterruptedException {
    Optional<String> blocked = blocked();
    if (blocked.isPresent()) {
      throw new Failure(Failure.Kind.WAITING, "the CA is not asked: " + blocked.get(), null);
    }
    ChallengeFolder challenges = new ChallengeFolder(root);
    if (preflight) {
      try {
        new Preflight(challenges, httpPort, sleeper).check(settings.names());
      } catch (Preflight.Failure | IOException e) {
        throw new Failure(Failure.Kind.PREFLIGHT, "pre-flight check failed, the CA was not asked: " + e.getMessage(), e);
      }
      log.accept("certificate: pre-flight: " + String.join(", ", settings.names()) + " answer over http on this machine");
    }
    AcmeState state = AcmeState.load(root);
    Issued issued = null;
    for (CertificateAuthority ca : settings.orderFrom(state)) {
      issued = order(ca, state, challenges);
    }
    try {
      installer.install(issued);
    } catch (IOException e) {
      throw refused(state, clock.instant(), "the certificate from " + issued.ca() + " could not be installed: "
          + e.getMessage(), e);
    }
    state.issued(settings.names(), settings.directory().directory().toString(), clock.instant());
    return issued;
  }

  private Issued order(CertificateAuthority ca, AcmeState state, ChallengeFolder challenges) throws Failure, IOException,
      InterruptedException {
    Instant now = clock.instant();
    state.ordering(now);
    try {
      AcmeOrder.Issued issued = AcmeOrder.open(ca, new AcmeAccount(root), settings.email(), challenges, log)
          .place(settings.names(), settings.keyType());
      Optional<String> problem = issued.chain().size() < 2
          ? Optional.of("the chain holds no intermediate certificate, which browsers need")
          : CertificateCheck.problem(issued.key().getPrivate(), issued.chain(), settings.names(), clock.instant());
      if (problem.isPresent()) {
        throw refused(state, now, ca + " issued a certificate that cannot be served: " + problem.get(), null);
      }
      if (settings.staging().filter(ca::equals).isPresent()) {
        state.passedStaging(settings.names());
        log.accept("certificate: " + ca + " issued one (not served: it proves the setup before production)");
      }
      return new Issued(issued.key(), issued.chain(), ca);
    } catch (AcmeRateLimitedException e) {
      Instant until = state.rateLimited(now, e.getRetryAfter(), ca + " rate limit: " + e.getMessage());
      throw new Failure(Failure.Kind.REFUSED, ca + " refused the order under its rate limit (" + e.getMessage()
          + "); no order before " + until, e);
    } catch (AcmeException | GeneralSecurityException | IOException | RuntimeException e) {
      // acme4j throws unchecked ones too: an answer that is not ACME (HTML, broken JSON), an error while it fetched a
      // resource; IOException: a token that is not base64url, a file that could not be written.
      throw refused(state, now, ca + ": " + e.getMessage(), e);
    }
  }

  private static Failure refused(AcmeState state, Instant now, String error, Throwable cause) throws IOException {
    Instant until = state.failed(now, error);
    return new Failure(Failure.Kind.REFUSED, error + "; no order before " + until, cause);
  }
}
