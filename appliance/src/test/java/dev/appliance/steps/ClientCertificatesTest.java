package dev.appliance.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.Secret;
import dev.appliance.images.ImageLabels;
import dev.appliance.support.FakeAppliance;
import dev.appliance.support.LockHolder;
import dev.appliance.support.TestEnvs;
import dev.appliance.tls.ClientCaFiles;
import dev.appliance.tls.IssuedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client-cert commands on a faked installation: the index, the CRL, the lock and the front's reload. */
class ClientCertificatesTest {

  static final Secret PASSPHRASE = Secret.of("a passphrase for tests");
  static final String RELOAD = "exec reference-front nginx -s reload";

  @TempDir
  Path dir;
  FakeAppliance appliance;

  @BeforeEach
  void setUp() throws Exception {
    appliance = FakeAppliance.ofProjectStack(dir).withActiveEnv();
  }

  private IssuedCertificate issue(String name) throws Exception {
    try (Installation installation = appliance.installation()) {
      return new ClientCertificates(installation).issue(name, Optional.empty(), 365,
          dir.resolve(name + "-" + System.nanoTime() + ".p12"), PASSPHRASE);
    }
  }

  private ClientCertificates.Revocation revoke(String which) throws Exception {
    try (Installation installation = appliance.installation()) {
      return new ClientCertificates(installation).revoke(which);
    }
  }

  private boolean refreshCrl() throws Exception {
    try (Installation installation = appliance.installation()) {
      return new ClientCertificates(installation).refreshCrl();
    }
  }

  private Set<String> revokedInTheCrl() throws Exception {
    X509Certificate ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(Files.newInputStream(new ClientCaFiles(appliance.root).certificateFile()));
    return new ClientCaFiles(appliance.root).crl(ca).orElseThrow().serials().stream()
        .map(IssuedCertificate::serialText).collect(Collectors.toSet());
  }

  private void frontRunning() {
    appliance.engine.withContainer("reference-front", ImageLabels.of("reference", "front"), true);
  }

  private long reloads() {
    return appliance.engine.calls().stream().filter(RELOAD::equals).count();
  }

  @Test
  void aNameRevokesEveryCertificateOfItASerialOneAndTheRunningFrontLoadsTheCrl() throws Exception {
    frontRunning();
    IssuedCertificate alice = issue("alice");
    IssuedCertificate aliceAgain = issue("alice");
    IssuedCertificate bob = issue("bob");

    ClientCertificates.Revocation byName = revoke("alice");

    assertEquals(List.of(alice.serial(), aliceAgain.serial()), byName.revokedNow().stream().map(IssuedCertificate::serial).toList());
    assertTrue(byName.frontLoaded());
    assertEquals(Set.of(alice.serial(), aliceAgain.serial()), revokedInTheCrl());
    assertEquals(1, reloads());
    assertTrue(Files.exists(appliance.root.runState().resolve("front-loaded")), "ReloadFront need not reload again");
    // As X-Ssl-Client-Serial has it, in lower case, or with colons: one certificate.
    assertEquals(List.of(bob.serial()), revoke(bob.serial().toLowerCase()).revokedNow().stream().map(IssuedCertificate::serial).toList());
    assertEquals(Set.of(alice.serial(), aliceAgain.serial(), bob.serial()), revokedInTheCrl());
    ClientCertificates.Revocation again = revoke("alice");
    assertEquals(List.of(), again.revokedNow(), "revoked already");
    assertEquals(2, again.matching().size());
    try (Installation installation = appliance.installation()) {
      assertTrue(new ClientCertificates(installation).list().stream().allMatch(IssuedCertificate::revoked));
    }
  }

  @Test
  void aRevocationWithTheFrontStoppedIsWrittenForItsStartAndAFailedReloadIsAFailure() throws Exception {
    IssuedCertificate alice = issue("alice");
    assertTrue(revoke("alice").frontLoaded(), "not running: it loads the CRL when it starts");
    assertEquals(Set.of(alice.serial()), revokedInTheCrl());
    assertEquals(0, reloads());
    assertTrue(appliance.log.contains("the front proxy is not running; it loads the new CRL when it starts"), appliance.log.toString());

    frontRunning();
    appliance.engine.execExits("nginx -s reload", 1);
    issue("bob");
    assertFalse(revoke("bob").frontLoaded());
  }

  @Test
  void whatMatchesNothingIsRefusedAndChangesNothing() throws Exception {
    issue("alice");
    byte[] index = Files.readAllBytes(appliance.root.clientCa().resolve("issued.json"));

    Cli.BadInputException e = assertThrows(Cli.BadInputException.class, () -> revoke("mallory"));

    assertEquals("no client certificate has the serial or the name 'mallory'; see them with: appliance client-cert list",
        e.getMessage());
    assertEquals(List.of(true), List.of(java.util.Arrays.equals(index, Files.readAllBytes(appliance.root.clientCa().resolve("issued.json")))));
  }

  @Test
  void refreshCrlSignsWhenDueOnlyAndKeepsTheRevocations() throws Exception {
    frontRunning();
    assertTrue(refreshCrl(), "no CRL yet: signed");
    assertEquals(1, reloads());
    IssuedCertificate alice = issue("alice");
    revoke("alice");
    String crl = Files.readString(new ClientCaFiles(appliance.root).crlFile());
    assertEquals(2, reloads());

    assertTrue(refreshCrl());
    assertEquals(crl, Files.readString(new ClientCaFiles(appliance.root).crlFile()), "not due: unchanged");
    assertEquals(2, reloads(), "nothing to load");
    assertTrue(appliance.log.get(appliance.log.size() - 1).startsWith("client CRL: 1 revoked, valid until 2026-12-31T10:00:00Z,"
        + " re-signed from 2026-12-16T10:00:00Z"), appliance.log.toString());

    appliance.time.sleep(Duration.ofDays(16));
    assertTrue(refreshCrl());
    assertNotEquals(crl, Files.readString(new ClientCaFiles(appliance.root).crlFile()));
    assertEquals(Set.of(alice.serial()), revokedInTheCrl());
    assertEquals(3, reloads());
  }

  @Test
  void withoutAClientCaRefreshCrlDoesNothingAndIssueIsRefused() throws Exception {
    Path env = dir.resolve("env/env.yml");
    String text = Files.readString(env);
    String without = text.replaceFirst("(?ms)^    client_ca:\n.*?-----END PRIVATE KEY-----\n", "");
    assertNotEquals(text, without);
    appliance.withActiveEnv(Files.writeString(dir.resolve("no-ca.yml"), without));

    assertTrue(refreshCrl());
    assertTrue(appliance.log.contains("client CRL: the active env has no client CA (appliance/ssl/client_ca); nothing to do"));
    assertFalse(Files.exists(new ClientCaFiles(appliance.root).crlFile()));
    Cli.BadInputException e = assertThrows(Cli.BadInputException.class, () -> issue("alice"));
    assertTrue(e.getMessage().startsWith("the active env has no client CA (appliance/ssl/client_ca) to issue certificates"
        + " with; add one"), e.getMessage());
  }

  @Test
  void issueWritesA0600FileOnceAndRefusesWhatItCannotDo() throws Exception {
    Path out = dir.resolve("alice.p12");
    try (Installation installation = appliance.installation()) {
      ClientCertificates certificates = new ClientCertificates(installation);
      certificates.issue("alice", Optional.of("alice@example.org"), 30, out, PASSPHRASE);
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
      byte[] first = Files.readAllBytes(out);

      assertEquals(out + " exists already; give another file with --out FILE, or remove that one", assertThrows(
          Cli.BadInputException.class, () -> certificates.issue("alice", Optional.empty(), 30, out, PASSPHRASE)).getMessage());
      assertEquals(List.of(true), List.of(java.util.Arrays.equals(first, Files.readAllBytes(out))));
      assertTrue(assertThrows(Cli.BadInputException.class, () -> certificates.issue("alice", Optional.empty(), 4000,
          dir.resolve("long.p12"), PASSPHRASE)).getMessage().startsWith("--days 4000: give 1 to 365"));
      assertTrue(assertThrows(Cli.BadInputException.class, () -> certificates.issue("../alice", Optional.empty(), 30,
          dir.resolve("x.p12"), PASSPHRASE)).getMessage().startsWith("'../alice' is not a name for a certificate"));
      assertTrue(assertThrows(Cli.BadInputException.class, () -> certificates.issue("alice", Optional.of("alice"), 30,
          dir.resolve("x.p12"), PASSPHRASE)).getMessage().startsWith("--email alice is not an e-mail address"));
      assertEquals(1, certificates.list().size(), "only the one issued");
      assertEquals(Optional.of("alice@example.org"), certificates.list().get(0).email());
    }
  }

  @Test
  void aRevocationWaitsForTheLockThenRefusesNamingItsHolder() throws Exception {
    issue("alice");
    Files.createDirectories(appliance.root.runState());
    Process holder = LockHolder.start(appliance.root.dir(), ApplianceLock.EXCLUSIVE.file(appliance.root));
    try {
      Cli.BadInputException e = assertThrows(Cli.BadInputException.class, () -> revoke("alice"));
      assertTrue(e.getMessage().startsWith("not running client-cert revoke: pid " + holder.pid() + " (run)"), e.getMessage());
    } finally {
      holder.destroyForcibly().waitFor();
    }
    try (Installation installation = appliance.installation()) {
      assertFalse(new ClientCertificates(installation).list().get(0).revoked());
    }
  }

  @Test
  void aCaKeyThatIsNotTheCertificatesIsRefusedNamingTheEnvKey() throws Exception {
    String text = Files.readString(dir.resolve("env/env.yml"));
    String otherKey = Files.readString(TestEnvs.localhost(dir.resolve("other"))).replaceFirst(
        "(?ms).*?^    client_ca:\n.*?(      key: \\|\n.*?-----END PRIVATE KEY-----\n).*", "$1");
    String mixed = text.replaceFirst("(?ms)^      key: \\|\n        -----BEGIN PRIVATE KEY-----\n.*?-----END PRIVATE KEY-----\n",
        java.util.regex.Matcher.quoteReplacement(otherKey));
    assertNotEquals(text, mixed);
    appliance.withActiveEnv(Files.writeString(dir.resolve("mixed.yml"), mixed));

    Cli.BadInputException e = assertThrows(Cli.BadInputException.class, this::refreshCrl);

    assertTrue(e.getMessage().startsWith("appliance/ssl/client_ca/key in the active env is not the private key of"
        + " appliance/ssl/client_ca/cert"), e.getMessage());
    assertFalse(Files.exists(new ClientCaFiles(appliance.root).crlFile()), "nothing signed");
  }
}
