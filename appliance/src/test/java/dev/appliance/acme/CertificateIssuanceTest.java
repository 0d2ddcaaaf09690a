package dev.appliance.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.acme.AcmeSettings.CertificateAuthority;
import dev.appliance.host.HostRoot;
import dev.appliance.support.ChallengeServer;
import dev.appliance.support.FakeAcmeCa;
import dev.appliance.support.FakeTime;
import dev.appliance.support.RecordedOwners;
import dev.appliance.support.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never a retry loop: a rate-limited answer and a failure each hold back every order until the recorded time, across
 * a restart (a new issuance reading the state file), and a failing pre-flight asks the CA nothing. A stand-in CA on
 * 127.0.0.1 answers, since Pebble cannot send the rate-limit problem.
 */
class CertificateIssuanceTest {

  @TempDir
  Path work;
  HostRoot root;
  FakeAcmeCa ca;
  ChallengeServer front;
  // acme4j reads Retry-After against the system clock, so the fake time starts from it.
  FakeTime time = new FakeTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  List<String> log = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    root = new HostRoot(work.resolve("root"), new RecordedOwners());
    ca = new FakeAcmeCa();
    front = new ChallengeServer(root.dir());
  }

  @AfterEach
  void tearDown() {
    ca.close();
    front.close();
  }

  private CertificateIssuance issuance(List<String> names) {
    AcmeSettings settings = new AcmeSettings(names, Optional.of("ops@example.org"),
        new CertificateAuthority("the test CA", ca.directory()), Optional.empty(), KeyType.EC_P256, true);
    return new CertificateIssuance(root, settings, front.port(), time, time, log::add);
  }

  @Test
  void aRateLimitHoldsEveryOrderBackUntilItsRetryAfterAcrossRestarts() throws Exception {
    ca.rateLimiting(7200);
    CertificateIssuance.Failure first = assertThrows(CertificateIssuance.Failure.class,
        () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertEquals(CertificateIssuance.Failure.Kind.REFUSED, first.kind());
    assertEquals(1, ca.orders());
    Instant until = AcmeState.load(root).blockedUntil(time.instant()).orElseThrow();
    assertTrue(Duration.between(time.instant(), until).toSeconds() >= 7100, "Retry-After, not the 1 h backoff: " + until);

    time.sleep(Duration.ofMinutes(119));
    CertificateIssuance.Failure waiting = assertThrows(CertificateIssuance.Failure.class,
        () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertEquals(CertificateIssuance.Failure.Kind.WAITING, waiting.kind());
    assertTrue(waiting.getMessage().contains("no order before " + until), waiting.getMessage());
    assertEquals(1, ca.orders(), "no order before the recorded time");

    time.sleep(Duration.ofMinutes(2));
    assertThrows(CertificateIssuance.Failure.class, () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertEquals(2, ca.orders(), "an order once the time has come");
  }

  @Test
  void failuresBackOffOneHourThenTwoNeverRetryingInBetween() throws Exception {
    ca.failing();
    assertThrows(CertificateIssuance.Failure.class, () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    Instant firstFailure = time.instant();
    assertEquals(Optional.of(firstFailure.plus(Duration.ofHours(1))), AcmeState.load(root).blockedUntil(firstFailure));
    for (int minute = 10; minute < 60; minute += 10) {
      time.sleep(Duration.ofMinutes(10));
      assertEquals(CertificateIssuance.Failure.Kind.WAITING, assertThrows(CertificateIssuance.Failure.class,
          () -> issuance(List.of("localhost")).issue(true, issued -> { })).kind());
    }
    assertEquals(1, ca.orders());
    time.sleep(Duration.ofMinutes(10));
    assertThrows(CertificateIssuance.Failure.class, () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertEquals(2, ca.orders());
    assertEquals(Optional.of(time.instant().plus(Duration.ofHours(2))), AcmeState.load(root).blockedUntil(time.instant()),
        "the second failure doubles the wait");
    assertTrue(AcmeState.load(root).lastError().orElseThrow().contains("refused by the test CA"));
  }

  @Test
  void aNameThatDoesNotAnswerHereFailsThePreflightAndTheCaIsNotAsked() throws Exception {
    for (String name : List.of("no-such-name.invalid", "127.0.0.2")) {
      CertificateIssuance.Failure failure = assertThrows(CertificateIssuance.Failure.class,
          () -> issuance(List.of("localhost", name)).issue(true, issued -> { }));
      assertEquals(CertificateIssuance.Failure.Kind.PREFLIGHT, failure.kind());
      assertTrue(failure.getMessage().contains(name), failure.getMessage());
    }
    assertTrue(ca.requests.isEmpty(), "nothing asked of the CA: " + ca.requests);
    assertEquals(Optional.empty(), AcmeState.load(root).blockedUntil(time.instant()), "a pre-flight failure blocks nothing");
    try (var files = Files.list(root.front().resolve("acme/.well-known/acme-challenge"))) {
      assertEquals(0, files.count(), "the probe token is removed");
    }
  }

  /** A CA's 90-day certificate for localhost, a day old: not due by the policy alone. */
  private static X509Certificate freshCertificate(Instant now) throws Exception {
    TestCertificates.Issued authority = TestCertificates.ca("test CA", now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(365)));
    return TestCertificates.server(authority, List.of("localhost"), now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(89))).certificate();
  }

  @Test
  void theCasRenewalInformationRenewsAFreshCertificateEarly() throws Exception {
    Instant now = time.instant();
    X509Certificate fresh = freshCertificate(now);
    RenewalPolicy.Decision plain = issuance(List.of("localhost")).due(Optional.of(fresh));
    assertFalse(plain.due(), "without renewal information: " + plain.reason());
    ca.suggestingRenewal(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    RenewalPolicy.Decision suggested = issuance(List.of("localhost")).due(Optional.of(fresh));
    assertTrue(suggested.due() && suggested.reason().contains("renewal information"), suggested.reason());
    assertTrue(ca.requests.stream().anyMatch(r -> r.startsWith("GET /renewal-info/")), ca.requests.toString());
  }

  @Test
  void anAnswerThatIsNotAcmeAnUnreadableAccountKeyAndABrokenStateFileAreFailuresThatBackOff() throws Exception {
    ca.answeringHtml();
    CertificateIssuance.Failure html = assertThrows(CertificateIssuance.Failure.class,
        () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertEquals(CertificateIssuance.Failure.Kind.REFUSED, html.kind());
    assertTrue(AcmeState.load(root).blockedUntil(time.instant()).isPresent(), "backed off");

    Files.write(AcmeState.file(root), new byte[] {(byte) 0xFF, (byte) 0xFE, 'n', 'o', 't'});
    assertEquals(Optional.empty(), issuance(List.of("localhost")).blocked(), "a broken state file is a fresh state");
    Files.writeString(AcmeAccount.directory(root).resolve("account.key"), "garbage");
    CertificateIssuance.Failure key = assertThrows(CertificateIssuance.Failure.class,
        () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    assertTrue(key.getMessage().contains("account.key cannot be read"), key.getMessage());
    assertEquals("garbage", Files.readString(AcmeAccount.directory(root).resolve("account.key")), "never replaced silently");
  }

  @Test
  void aRetryAfterOfYearsHoldsOrdersBackAWeekAtMost() throws Exception {
    ca.rateLimiting(Duration.ofDays(3650).toSeconds());
    assertThrows(CertificateIssuance.Failure.class, () -> issuance(List.of("localhost")).issue(true, issued -> { }));
    Instant until = AcmeState.load(root).blockedUntil(time.instant()).orElseThrow();
    assertTrue(!until.isAfter(time.instant().plus(Duration.ofDays(7))), until.toString());
  }

  @Test
  void aCertificateFromAnotherCaThanTheEnvNamesIsDue() throws Exception {
    Instant now = time.instant();
    X509Certificate fresh = freshCertificate(now);
    AcmeState.load(root).issued(List.of("localhost"), ca.directory().toString(), now);
    assertFalse(issuance(List.of("localhost")).due(Optional.of(fresh)).due(), "issued by the CA the env names");
    AcmeState.load(root).issued(List.of("localhost"), "acme://letsencrypt.org/staging", now);
    RenewalPolicy.Decision moved = issuance(List.of("localhost")).due(Optional.of(fresh));
    assertTrue(moved.due() && moved.reason().contains("another CA"), moved.reason());
  }

  @Test
  void anOrderCutShortHoldsTheNextOneBackForTenMinutes() throws Exception {
    AcmeState.load(root).ordering(time.instant());
    assertEquals(Optional.of(time.instant().plus(AcmeState.INTERRUPTED_ORDER)), AcmeState.load(root).blockedUntil(time.instant()));
    assertTrue(issuance(List.of("localhost")).blocked().orElseThrow().contains("did not end"));
  }

  @Test
  void theBackoffDoublesUpToADay() {
    assertEquals(Duration.ofHours(1), AcmeState.backoff(1));
    assertEquals(Duration.ofHours(2), AcmeState.backoff(2));
    assertEquals(Duration.ofHours(16), AcmeState.backoff(5));
    assertEquals(Duration.ofHours(24), AcmeState.backoff(6));
    assertEquals(Duration.ofHours(24), AcmeState.backoff(40));
  }
}
