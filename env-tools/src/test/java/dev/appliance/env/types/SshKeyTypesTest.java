package dev.appliance.env.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.spec.ScalarType;
import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue;
import dev.appliance.env.spec.ScalarValue.Kind;
import dev.appliance.env.testing.Programs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The backup server's SSH login: keys and known_hosts lines as ssh-keygen writes them. */
class SshKeyTypesTest {

  private static final ScalarType PRIVATE_KEY = new SshPrivateKeyType();
  private static final ScalarType KNOWN_HOSTS = new KnownHostsLineType();

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
  void takesAKeyWithoutPassphraseAndItsPublicHalfAsAKnownHostsLine(String type) throws Exception {
    Programs.ok(dir, "ssh-keygen", "-q", "-t", type, "-N", "", "-C", "", "-f", "key");
    assertEquals(Optional.empty(), check(PRIVATE_KEY, Files.readString(dir.resolve("key"))));
    assertTrue(Files.readString(dir.resolve("key")).startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"));
    String publicKey = Files.readString(dir.resolve("key.pub")).strip();
    assertEquals(Optional.empty(), check(KNOWN_HOSTS, "[127.0.0.1]:2222 " + publicKey));
    assertEquals(Optional.empty(), check(KNOWN_HOSTS, "backup.example.org,192.0.2.7,2001:db8::7 " + publicKey));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PEM", "PKCS8"})
  void takesAPemKeyWithoutPassphrase(String format) throws Exception {
    Programs.ok(dir, "ssh-keygen", "-q", "-t", "rsa", "-m", format, "-N", "", "-f", "key");
    assertEquals(Optional.empty(), check(PRIVATE_KEY, Files.readString(dir.resolve("key"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"RFC4716", "PEM"})
  void refusesAKeyWithAPassphrase(String format) throws Exception {
    Programs.ok(dir, "ssh-keygen", "-q", "-t", "ecdsa", "-m", format, "-N", "a pass phrase", "-f", "key");
    Complaint complaint = check(PRIVATE_KEY, Files.readString(dir.resolve("key"))).orElseThrow();
    assertEquals("is protected by a passphrase, which the appliance cannot type", complaint.message());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "rsa"})
  void refusesADamagedOpenSshKeyAndAPublicKey(String type) throws Exception {
    Programs.ok(dir, "ssh-keygen", "-q", "-t", type, "-N", "", "-f", "key");
    String key = Files.readString(dir.resolve("key"));
    String body = key.replaceAll("-----[A-Z ]+-----|\\s", "");
    byte[] blob = Base64.getDecoder().decode(body);
    String truncated = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(Arrays.copyOf(blob, blob.length / 2))
        + "\n-----END OPENSSH PRIVATE KEY-----\n";
    assertEquals("is a damaged OpenSSH private key", check(PRIVATE_KEY, truncated).orElseThrow().message());
    String lineLost = key.replace(key.split("\n")[2] + "\n", "");
    assertTrue(check(PRIVATE_KEY, lineLost).orElseThrow().message().startsWith("is a damaged OpenSSH private key"));
    assertTrue(check(PRIVATE_KEY, Files.readString(dir.resolve("key.pub"))).isPresent());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "backup.example.org ssh-ed25519",
      "backup.example.org:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP",
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP",
      "backup.example.org ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP",
      "backup.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA!!",
      "backup.example.org ssh-dss AAAAB3NzaC1kc3MAAACBAP",
      "backup.example.org sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAI",
      "@revoked backup.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP"})
  void refusesBrokenKnownHostsLines(String line) {
    assertTrue(check(KNOWN_HOSTS, line).isPresent(), line);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "|1|F1E1KeoE/eEWhi10WpGv4OdiO6Y=|3988QV0VE8wmZL7suNrYQLITLCg= ssh-ed25519"
          + " AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP",
      "*.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP backup server"})
  void takesHashedAndPatternHostsAndAComment(String line) {
    assertEquals(Optional.empty(), check(KNOWN_HOSTS, line));
  }

  /** A comment with a line break would smuggle a second authorized_keys line, options and all. */
  @Test
  void refusesAPublicKeyLineWithALineBreak() {
    String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILh9QpXgwo2GjnZdSb04FtGruWRzNL6Y67VpBssiV4dP";
    assertEquals(Optional.empty(), check(new SshPublicKeyType(), key + " ops"));
    assertTrue(check(new SshPublicKeyType(), key + " ops\ncommand=\"/bin/sh\" " + key).isPresent());
  }

  private static Optional<Complaint> check(ScalarType type, String text) {
    return type.check(new ScalarValue(text, Kind.STRING));
  }
}
