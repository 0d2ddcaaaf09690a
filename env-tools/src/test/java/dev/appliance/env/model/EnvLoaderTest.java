package dev.appliance.env.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import dev.appliance.env.model.EnvConfig.Environment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvLoaderTest {

  private static final Path VALID = Path.of("src/test/resources/env/valid");

  @Test
  void aMinimalEnvGetsEveryDefault() throws Exception {
    EnvConfig env = EnvLoader.load(VALID.resolve("minimal.yml"));
    var a = env.appliance();
    assertEquals(DomainName.parse("example.org"), a.domain());
    assertFalse(a.standby());
    assertEquals(Environment.QA, a.environment(), "minimal.yml is a qa env: production needs more");
    assertEquals(new EnvConfig.LetsEncrypt(true, Optional.empty(), "production", List.of(), "ec-p256", true, true),
        a.ssl().letsEncrypt());
    assertFalse(a.ssl().clientCertsMandatory());
    assertEquals(Optional.empty(), a.ssl().own());
    assertEquals(new EnvConfig.Volume("app-data", Optional.empty(), false, false, Optional.empty()), a.storage().data());
    assertEquals(new EnvConfig.Volume("app-volatile", Optional.empty(), false, false, Optional.empty()), a.storage().volatileStorage());
    assertEquals(URI.create("file:///volatile/backup-test/"), a.backup().url());
    assertEquals("SeCrEt-backup-Kq8vN2xW7pL4mZ9rT3yB6cF1", a.backup().secret().reveal());
    assertEquals(CalendarExpression.parse("*-*-* 22:30:00"), a.backup().schedule());
    assertEquals(new EnvConfig.Retention(7, 4, 6), a.backup().retention());
    assertEquals(Optional.empty(), a.backup().ssh());
    assertEquals(Optional.empty(), a.backup().rest());
    assertEquals(Optional.empty(), a.backup().s3());
    assertEquals(CalendarExpression.parse("Sun *-*-* 04:00:00"), a.backup().drillSchedule());
    assertEquals(Optional.empty(), a.backup().mirror());
    assertEquals(new EnvConfig.UpdateConfig(true, CalendarExpression.parse("*-*-* 06:30:00"), Optional.empty()), a.update(),
        "reboot: never by default");
    assertEquals(List.of(), a.alert().email());
    assertEquals(Optional.empty(), a.alert().smtp());
    assertEquals(new EnvConfig.MetricConfig(false, 9469, false, false), a.metric());
    assertEquals(Optional.empty(), a.dkim());
    assertEquals(List.of(), a.users());
    assertEquals("app", env.app().databaseName());
    assertEquals(Map.of(), env.app().secrets());
  }

  @Test
  void everyValueIsReadWhenGiven() throws Exception {
    EnvConfig env = EnvLoader.load(VALID.resolve("everything.yml"));
    var a = env.appliance();
    assertEquals(Environment.STAGING, a.environment());
    assertEquals(new EnvConfig.LetsEncrypt(true, Optional.of("ops@example.org"), "staging",
        List.of("www.app.example.org"), "rsa-2048", false, false), a.ssl().letsEncrypt());
    assertTrue(a.ssl().clientCertsMandatory());
    assertEquals(new EnvConfig.Volume("data-disk", Optional.empty(), false, false, Optional.empty()), a.storage().data());
    assertEquals(Optional.of("/dev/vdc1"), a.storage().volatileStorage().device());
    assertEquals(URI.create("sftp://backup@backup.example.org:2222/srv/appliance"), a.backup().url());
    assertEquals(new EnvConfig.Retention(14, 8, 24), a.backup().retention());
    var ssh = a.backup().ssh().orElseThrow();
    assertTrue(ssh.key().reveal().startsWith("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUA"));
    assertEquals(List.of(
        "[backup.example.org]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP",
        "backup.example.org,192.0.2.7 ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEyKSBcN"
            + "Ugkl+Hl9IqJeqotvjBCNH7Oe9gRyiNMKGaa5N4mWq9PaUG9iYp7R478bG3MF2zO58yQ7QiScq5yhAi4="), ssh.knownHosts());
    assertEquals(new EnvConfig.RestLogin("staging", Secret.of("SeCrEt-rest-Wq3zP8vK")), a.backup().rest().orElseThrow());
    assertEquals(new EnvConfig.S3Keys("AKIAIOSFODNN7STAGING", Secret.of("SeCrEt-s3-bPxRfiCYzK7MDENGbPxRfiCY")),
        a.backup().s3().orElseThrow());
    assertEquals(CalendarExpression.parse("Sat *-*-* 05:30:00"), a.backup().drillSchedule());
    assertEquals(new EnvConfig.Mirror(URI.create("rest+https://backup.example.org/production/"),
        Secret.of("SeCrEt-production-Vb7nM3xQ9wL2kR8tY4"), CalendarExpression.parse("*-*-* 02:45:00")),
        a.backup().mirror().orElseThrow());
    assertEquals(new EnvConfig.UpdateConfig(false, CalendarExpression.parse("Mon..Fri *-*-* 05:00:00 Europe/Vienna"),
        Optional.of(CalendarExpression.parse("Sun *-*-* 04:00:00"))), a.update());
    assertEquals(List.of("ops@example.org", "boss@example.org"), a.alert().email());
    var smtp = a.alert().smtp().orElseThrow();
    assertEquals(DomainName.parse("mail.example.org"), smtp.host());
    assertEquals(465, smtp.port());
    assertEquals("Smtp-Pw-9fK2xQ", smtp.password().orElseThrow().reveal());
    assertEquals(URI.create("https://hc.example.org/ping/5f1e"), a.alert().heartbeatUrl().orElseThrow());
    assertEquals(new EnvConfig.MetricConfig(true, 9470, true, false), a.metric());
    assertEquals(2, a.users().size());
    assertTrue(a.users().get(0).sudo() && a.users().get(0).present());
    assertFalse(a.users().get(1).present());
    assertEquals(1, env.sshAuthorizedKeys().size());
    assertEquals("documents", env.app().databaseName());
    assertEquals(Map.of("LANGUAGE", "de", "WORKERS", "4"), env.app().settings());
  }

  @Test
  void anEnvWithoutEnvironmentIsProductionAndReadsItsVpnAndEncryptedDisks() throws Exception {
    var a = EnvLoader.load(VALID.resolve("production-behind-vpn.yml")).appliance();
    assertEquals(Environment.PRODUCTION, a.environment());
    assertEquals(new EnvConfig.Volume("app-data", Optional.empty(), false, true,
        Optional.of(Secret.of("SeCrEt-luks-data-Qw3rT7yU9iO1pA5sD2fG"))), a.storage().data());
    assertEquals("SeCrEt-luks-volatile-Zx8cV4bN6mQ2wE9rT", a.storage().volatileStorage().passphrase().orElseThrow().reveal());
    var vpn = a.vpn().orElseThrow();
    assertEquals("SeCrEt1mulWjODfx1gozRHRZTaqPIn0K8S0rC3vGtGA=", vpn.privateKey().reveal());
    assertEquals("10.77.0.1/24", vpn.address());
    assertEquals(51820, vpn.listenPort());
    assertTrue(vpn.sshOnly());
    assertFalse(vpn.httpsOnly());
    assertEquals(List.of(new EnvConfig.Peer("alice", "h5aYinSpODkuZI5u7iW/Vo5oNDoG8nYuCJjOEzJ/EVs=", List.of("10.77.0.2/32")),
        new EnvConfig.Peer("site-b", "TTJFpTiQE4bfvtIW8wMgeCA1pTAZ8+7G58k6WsBFQ7g=", List.of("10.77.0.3/32", "10.78.0.0/24"))),
        vpn.peers());
  }

  @Test
  void aRestRepositoryIsReadWithItsLoginAndTheDefaultDrill() throws Exception {
    var backup = EnvLoader.load(VALID.resolve("backup-rest.yml")).appliance().backup();
    assertEquals(URI.create("rest+https://backup.example.org:8000/example/"), backup.url());
    assertEquals(new EnvConfig.RestLogin("example", Secret.of("SeCrEt-rest-Hn4kQ8zW")), backup.rest().orElseThrow());
    assertEquals(Optional.empty(), backup.ssh());
    assertEquals(CalendarExpression.parse("Sun *-*-* 04:00:00"), backup.drillSchedule());
    assertEquals(Optional.empty(), backup.mirror());
  }

  @Test
  void aStagingApplianceReadsItsMirrorWithTheDefaultSchedule() throws Exception {
    var a = EnvLoader.load(VALID.resolve("backup-staging-mirror.yml")).appliance();
    assertEquals(Environment.STAGING, a.environment());
    var mirror = a.backup().mirror().orElseThrow();
    assertEquals(URI.create("sftp://staging@backup.example.org:2222/srv/production"), mirror.url());
    assertEquals("SeCrEt-production-Vb7nM3xQ9wL2kR8tY4", mirror.secret().reveal());
    assertEquals(CalendarExpression.parse("*-*-* 03:00:00"), mirror.schedule());
    assertEquals(URI.create("sftp://staging@backup.example.org:2222/srv/staging"), a.backup().url());
    assertEquals(1, a.backup().ssh().orElseThrow().knownHosts().size());
  }

  @Test
  void secretsNeverShowInToString() throws Exception {
    EnvConfig env = EnvLoader.load(VALID.resolve("everything.yml"));
    String shown = env.toString();
    assertFalse(shown.contains("SeCrEt"), shown);
    assertFalse(shown.contains("Smtp-Pw-9fK2xQ"), shown);
    assertFalse(shown.contains("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUA"), "the SSH private key: " + shown);
    assertFalse(shown.contains("KEY-----"), "the SSH private key: " + shown);
    assertFalse(shown.contains("0123456789abcdef"), "the Sentry DSN holds a key: " + shown);
    assertTrue(shown.contains("[REDACTED]"));
  }

  @Test
  void aNewEnvLoadsWithItsGeneratedKeys(@TempDir Path dir) throws Exception {
    assertEquals(0, CliRun.envNew("example.org", dir.toString(), "--environment", "qa").code());
    EnvConfig env = EnvLoader.load(dir.resolve("env.yml"));
    assertTrue(env.appliance().dkim().orElseThrow().key().reveal().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(env.appliance().ssl().clientCa().orElseThrow().certificates().startsWith("-----BEGIN CERTIFICATE-----"));
    for (EnvConfig.Volume volume : List.of(env.appliance().storage().data(), env.appliance().storage().volatileStorage())) {
      assertTrue(volume.ignore(), "nothing is mounted until the operator attaches a disk");
      assertTrue(volume.encrypted() && volume.passphrase().orElseThrow().reveal().matches("[A-Za-z0-9]{48}"), volume.label());
    }
    assertNotEquals(env.appliance().storage().data().passphrase(), env.appliance().storage().volatileStorage().passphrase());
    assertEquals(Optional.empty(), env.appliance().vpn(), "the VPN is off until the operator turns it on");
    assertEquals(List.of("SECRET_KEY", "VAULT_PGP_KEY"), List.copyOf(env.app().secrets().keySet()));
  }

  @Test
  void anInvalidEnvIsRefusedWholeWithEveryProblem() throws IOException {
    Path file = Path.of("src/test/resources/env/invalid/many-problems.yml");
    InvalidEnvException e = assertThrows(InvalidEnvException.class, () -> EnvLoader.load(file));
    assertEquals(7, e.problems().size());
    assertEquals(Files.readString(file.resolveSibling("many-problems.expected")).replace("FILE:", file + ":"),
        String.join("\n", e.lines()) + "\n");
  }
}
