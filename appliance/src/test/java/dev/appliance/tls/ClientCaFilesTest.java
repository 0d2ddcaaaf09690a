package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.host.HostRoot;
import dev.appliance.support.RecordedOwners;
import dev.appliance.support.TestCas;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What prepare-appliance's InstallClientCa leaves in /data/ca: the CA certificate and a CRL built from the index. */
class ClientCaFilesTest {

  static final Instant NOW = RevocationListTest.NOW;

  @TempDir
  Path work;
  EnvConfig.KeyAndCertificate env;
  ClientCa ca;
  HostRoot root;
  ClientCaFiles files;
  IssuedCertificates index;

  @BeforeEach
  void setUp() throws Exception {
    env = TestCas.generate("example.org", NOW);
    ca = ClientCa.of(env);
    root = new HostRoot(work, new RecordedOwners());
    files = new ClientCaFiles(root);
    index = new IssuedCertificates(root);
  }

  private Set<BigInteger> revokedInTheCrl() throws IOException {
    return files.crl(ca.certificate()).orElseThrow().serials();
  }

  @Test
  void theCrlHoldsTheIndexsRevocationsAndIsKeptWhileCurrent() throws Exception {
    index.add(RevocationListTest.entry("0A", "alice", Optional.of(NOW)));
    index.add(RevocationListTest.entry("0B", "bob", Optional.empty()));

    files.prepare(ca, NOW);

    assertEquals(env.certificates(), Files.readString(files.certificateFile()));
    assertEquals(Set.of(BigInteger.TEN), revokedInTheCrl());
    assertTrue(files.current(env, NOW.plus(Duration.ofDays(14))));
    String crl = Files.readString(files.crlFile());
    files.prepare(ca, NOW.plus(Duration.ofDays(14)));
    assertEquals(crl, Files.readString(files.crlFile()), "a current CRL is not signed again");
  }

  @Test
  void aCrlWithoutTheIndexsRevocationsIsSignedAgainWithThem() throws Exception {
    // As the appliance wrote it before it kept an index: empty, and valid as long as the CA.
    files.prepare(ca, NOW);
    assertEquals(Set.of(), revokedInTheCrl());
    index.add(RevocationListTest.entry("0A", "alice", Optional.of(NOW)));
    assertFalse(files.current(env, NOW), "a revocation the CRL lacks");

    files.prepare(ca, NOW);

    assertEquals(Set.of(BigInteger.TEN), revokedInTheCrl());
  }

  @Test
  void aDueCrlIsSignedAgainKeepingItsEntriesAndAnotherCasIsReplaced() throws Exception {
    index.add(RevocationListTest.entry("0A", "alice", Optional.of(NOW)));
    files.prepare(ca, NOW);
    Instant later = NOW.plus(Duration.ofDays(16));
    assertFalse(files.current(env, later), "less than half of its 30 days left");

    files.prepare(ca, later);

    assertEquals(Optional.of(later.plus(Duration.ofDays(30))), files.crl(ca.certificate()).orElseThrow().nextUpdate());
    assertEquals(Set.of(BigInteger.TEN), revokedInTheCrl());
    EnvConfig.KeyAndCertificate newCa = TestCas.generate("example.org", NOW);
    assertFalse(files.current(newCa, later), "a CRL from the CA the env had before");
    files.prepare(ClientCa.of(newCa), later);
    assertEquals(newCa.certificates(), Files.readString(files.certificateFile()));
    assertTrue(files.current(newCa, later));
  }

  @Test
  void aDamagedIndexStopsTheCrlFromBeingSigned() throws Exception {
    index.add(RevocationListTest.entry("0A", "alice", Optional.of(NOW)));
    files.prepare(ca, NOW);
    byte[] crl = Files.readAllBytes(files.crlFile());
    Files.writeString(index.file(), "{", StandardCharsets.UTF_8);

    assertThrows(IOException.class, () -> files.prepare(ca, NOW.plus(Duration.ofDays(20))));
    assertThrows(IOException.class, () -> files.current(env, NOW));

    assertEquals(List.of(true), List.of(java.util.Arrays.equals(crl, Files.readAllBytes(files.crlFile()))),
        "the CRL is left as it was");
  }
}
