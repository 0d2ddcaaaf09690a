package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import dev.appliance.support.RecordedOwners;
import dev.appliance.support.TestCas;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A CA in the env that cannot sign is refused before anything is signed, naming the env key to fix. */
class ClientCaTest {

  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir
  Path work;

  private static ClientCa.UnusableCaException refused(EnvConfig.KeyAndCertificate ca) {
    return assertThrows(ClientCa.UnusableCaException.class, () -> ClientCa.of(ca));
  }

  @Test
  void anotherCasKeyIsRefusedNamingTheKey() throws Exception {
    EnvConfig.KeyAndCertificate ca = TestCas.generate("example.org", NOW);
    EnvConfig.KeyAndCertificate other = TestCas.generate("example.org", NOW);

    ClientCa.UnusableCaException e = refused(new EnvConfig.KeyAndCertificate(other.key(), ca.certificates()));

    assertEquals("appliance/ssl/client_ca/key", e.envKey());
    assertEquals("appliance/ssl/client_ca/key in the active env is not the private key of appliance/ssl/client_ca/cert;"
        + " fix it (env-new writes a working CA), then run: appliance prepare-env", e.getMessage());
  }

  @Test
  void aKeyThatIsNoKeyIsRefusedNamingTheKey() throws Exception {
    EnvConfig.KeyAndCertificate ca = TestCas.generate("example.org", NOW);
    ClientCa.UnusableCaException e = refused(new EnvConfig.KeyAndCertificate(Secret.of("none"), ca.certificates()));
    assertEquals("appliance/ssl/client_ca/key", e.envKey());
    assertTrue(e.getMessage().contains("is not PEM text"), e.getMessage());
  }

  @Test
  void aCertificateThatIsNoCaIsRefusedNamingTheCertificate() throws Exception {
    // The server's placeholder: its own key, but not a CA.
    ServerCertificate server = new ServerCertificate(new HostRoot(work.resolve("root"), new RecordedOwners()));
    server.prepare(EnvLoader.load(TestEnvs.localhost(work.resolve("env"))), NOW);

    ClientCa.UnusableCaException e = refused(new EnvConfig.KeyAndCertificate(
        Secret.of(Files.readString(server.keyFile())), Files.readString(server.certificateFile())));

    assertEquals("appliance/ssl/client_ca/cert", e.envKey());
    assertTrue(e.getMessage().contains("is not a CA certificate allowed to sign certificates and CRLs"), e.getMessage());
  }
}
