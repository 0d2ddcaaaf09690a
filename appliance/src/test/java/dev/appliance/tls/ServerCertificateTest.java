package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.host.HostRoot;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
}
