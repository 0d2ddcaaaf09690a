package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.host.HostRoot;
import dev.appliance.support.TestCertificates;
import dev.appliance.support.TestCertificates.Issued;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import dev.appliance.support.RecordedOwners;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

  @TempDir
  Path work;

  @Test
  void placeholderThenKeptWhileValidThenRenewedBeforeItExpires() throws Exception {
    EnvConfig env = EnvLoader.load(TestEnvs.localhost(work.resolve("env")));
    RecordedOwners owners = new RecordedOwners();
    ServerCertificate certificate = new ServerCertificate(new HostRoot(work.resolve("root"), owners));
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, certificate.prepare(env, now));
    assertEquals("0:33", owners.of(certificate.keyFile()), "nginx's group reads the key");
    assertTrue(certificate.current().orElseThrow().getSubjectAlternativeNames().toString().contains("localhost"));
    String first = Files.readString(certificate.certificateFile());
    assertEquals(ServerCertificate.Origin.EXISTING, certificate.prepare(env, now.plus(Duration.ofDays(30))));
    assertEquals(first, Files.readString(certificate.certificateFile()));
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, certificate.prepare(env, now.plus(Duration.ofDays(365))),
        "less than a day left");
  }

  @Test
  void anIssuedPairIsServedThePreviousKeptAndACrashBeforeTheSwitchFindsTheIssuedOne() throws Exception {
    EnvConfig env = EnvLoader.load(TestEnvs.localhost(work.resolve("env")));
    HostRoot root = new HostRoot(work.resolve("root"), new RecordedOwners());
    ServerCertificate certificate = new ServerCertificate(root);
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, certificate.prepare(env, now));
    Issued ca = TestCertificates.ca("test CA", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    Issued first = TestCertificates.server(ca, List.of("localhost"), now.minus(Duration.ofDays(3)), now.plus(Duration.ofDays(90)));
    // A crash after the first issued pair was kept, before it was served: the placeholder still is.
    Files.writeString(root.tls().resolve("issued.key"), first.keyPem());
    Files.writeString(root.tls().resolve("issued.crt"), first.certificatePem());
    assertEquals(ServerCertificate.Origin.ISSUED, certificate.prepare(env, now),
        "a CA's certificate wins over the placeholder, which would last longer");
    assertEquals(first.certificate(), certificate.current().orElseThrow());

    Issued second = TestCertificates.server(ca, List.of("localhost"), now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(91)));
    HostRoot fresh = new HostRoot(work.resolve("fresh"), new RecordedOwners());
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, new ServerCertificate(fresh).prepare(env, now));
    new ServerCertificate(fresh).install(second.keyPem(), second.certificatePem(), now);
    assertFalse(Files.exists(fresh.tls().resolve("previous.crt")), "the placeholder is not worth keeping");
    certificate.install(second.keyPem(), second.certificatePem(), now);
    assertEquals(Files.readString(root.tls().resolve("previous.crt")), first.certificatePem());
    // A crash after the new pair was kept as issued, before it was served.
    Issued third = TestCertificates.server(ca, List.of("localhost"), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(92)));
    Files.writeString(root.tls().resolve("issued.key"), third.keyPem());
    Files.writeString(root.tls().resolve("issued.crt"), third.certificatePem());
    assertEquals(ServerCertificate.Origin.ISSUED, certificate.prepare(env, now));
    assertEquals(third.certificate(), certificate.current().orElseThrow());
    // A served pair broken by hand: the kept ones serve, never the placeholder while one is valid.
    Files.writeString(certificate.keyFile(), first.keyPem());
    Files.delete(root.tls().resolve("issued.crt"));
    assertEquals(ServerCertificate.Origin.PREVIOUS, certificate.prepare(env, now));
    assertEquals(first.certificate(), certificate.current().orElseThrow());
  }

  @Test
  void aRenewalIsNotSwappedBackForAnOlderCertificateThatLastsLonger() throws Exception {
    EnvConfig env = EnvLoader.load(TestEnvs.localhost(work.resolve("env")));
    HostRoot root = new HostRoot(work.resolve("root"), new RecordedOwners());
    ServerCertificate certificate = new ServerCertificate(root);
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    Issued ca = TestCertificates.ca("test CA", now.minus(Duration.ofDays(400)), now.plus(Duration.ofDays(400)));
    Issued old = TestCertificates.server(ca, List.of("localhost"), now.minus(Duration.ofDays(165)), now.plus(Duration.ofDays(200)));
    certificate.install(old.keyPem(), old.certificatePem(), now);
    Issued renewed = TestCertificates.server(ca, List.of("localhost", "www.localhost"), now, now.plus(Duration.ofDays(90)));
    certificate.install(renewed.keyPem(), renewed.certificatePem(), now);
    assertEquals(ServerCertificate.Origin.EXISTING, certificate.prepare(env, now));
    assertEquals(renewed.certificate(), certificate.current().orElseThrow());
    assertTrue(certificate.inPlace(env, now).isPresent(), "nothing to do on the next prepare");
  }
}
