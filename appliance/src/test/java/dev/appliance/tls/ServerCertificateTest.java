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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {

  @TempDir
  Path work;

  @Test
  void placeholderThenKeptWhileValidThenRenewedBeforeItExpires() throws Exception {
    EnvConfig env = EnvLoader.load(TestEnvs.localhost(work.resolve("env")));
    ServerCertificate certificate = new ServerCertificate(new HostRoot(work.resolve("root")));
    Instant now = Instant.now();
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, certificate.prepare(env, now));
    assertTrue(certificate.current().orElseThrow().getSubjectAlternativeNames().toString().contains("localhost"));
    String first = Files.readString(certificate.certificateFile());
    assertEquals(ServerCertificate.Origin.EXISTING, certificate.prepare(env, now.plus(Duration.ofDays(30))));
    assertEquals(first, Files.readString(certificate.certificateFile()));
    assertEquals(ServerCertificate.Origin.SELF_SIGNED, certificate.prepare(env, now.plus(Duration.ofDays(365))),
        "less than a day left");
  }
}
