package dev.appliance.acme;

import dev.appliance.acme.AcmeSettings.CertificateAuthority;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;

/** One conversation with a CA (acme4j): log in, order the names, answer http-01 through the front, fetch the chain. */
final class AcmeOrder {

  /** A key and the chain the CA issued for it, server certificate first. */
  record Issued(KeyPair key, List<X509Certificate> chain) {}

  private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(120);

  private final Login login;
  private final CertificateAuthority ca;
  private final ChallengeFolder challenges;
  private final Consumer<String> log;

  private AcmeOrder(Login login, CertificateAuthority ca, ChallengeFolder challenges, Consumer<String> log) {
    this.login = login;
    this.ca = ca;
    this.challenges = challenges;
    this.log = log;
  }

  static AcmeOrder open(CertificateAuthority ca, AcmeAccount account, Optional<String> email, ChallengeFolder challenges,
      Consumer<String> log) throws AcmeException, IOException, GeneralSecurityException {
    Session session = new Session(ca.directory());
    session.networkSettings().setTimeout(NETWORK_TIMEOUT);
    return new AcmeOrder(account.login(session, email, log), ca, challenges, log);
  }

  /**
   * The start of the CA's suggested renewal window for {@code certificate} (ARI), when it offers renewal
   * information. Not acme4j's random proposal: that reads the wall clock and is empty once the window has passed,
   * when renewing is most urgent; the daily timer's random delay spreads the orders instead.
   */
  Optional<Instant> suggestedRenewal(X509Certificate certificate) throws AcmeException {
    if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(login.bindRenewalInfo(certificate).getSuggestedWindowStart());
  }

  Issued place(List<String> names, KeyType keyType) throws AcmeException, GeneralSecurityException, IOException,
      InterruptedException {
    Order order = login.newOrder().domains(names).create();
    log.accept("certificate: " + ca + " took the order for " + String.join(", ", names));
    List<String> tokens = new ArrayList<>();
    try {
      // Every challenge is triggered before any is awaited: the CA validates the names side by side.
      List<Authorization> pending = new ArrayList<>();
      for (Authorization authorization : order.getAuthorizations()) {
        if (trigger(authorization, tokens)) {
          pending.add(authorization);
        }
      }
      for (Authorization authorization : pending) {
        await(authorization);
      }
    } finally {
      for (String token : tokens) {
        challenges.remove(token);
      }
    }
    KeyPair key = keyType.generate();
    order.waitUntilReady(VALIDATION_TIMEOUT);
    order.execute(key);
    if (order.waitForCompletion(VALIDATION_TIMEOUT) != Status.VALID) {
      throw new AcmeException(ca + " did not issue the certificate: " + order.getError().map(Problem::toString)
          .orElse("order " + order.getStatus().name().toLowerCase()));
    }
    return new Issued(key, order.getCertificate().getCertificateChain());
  }

  /** Answers and triggers {@code authorization}'s http-01 challenge; false when the CA has validated it already. */
  private boolean trigger(Authorization authorization, List<String> tokens) throws AcmeException, IOException {
    String name = authorization.getIdentifier().getDomain();
    if (authorization.getStatus() == Status.VALID) {
      log.accept("certificate: " + name + ": already validated by " + ca);
      return false;
    }
    Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class)
        .orElseThrow(() -> new AcmeException(ca + " offers no http-01 challenge for " + name));
    challenges.put(challenge.getToken(), challenge.getAuthorization());
    tokens.add(challenge.getToken());
    challenge.trigger();
    return true;
  }

  private void await(Authorization authorization) throws AcmeException, InterruptedException {
    String name = authorization.getIdentifier().getDomain();
    Status status = authorization.waitForCompletion(VALIDATION_TIMEOUT);
    if (status != Status.VALID) {
      throw new AcmeException(ca + " could not validate " + name + " over http-01: "
          + authorization.findChallenge(Http01Challenge.class).flatMap(Http01Challenge::getError).map(Problem::toString)
              .orElse("authorization " + status.name().toLowerCase()));
    }
    log.accept("certificate: " + name + ": validated by " + ca);
  }
}
