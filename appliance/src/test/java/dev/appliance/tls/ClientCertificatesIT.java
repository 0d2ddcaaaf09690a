package dev.appliance.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import dev.appliance.support.ThrowawayStack;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates against the real front (nginx in the project's front image) and the reference application,
 * with {@code client_certs_mandatory: true}: curl with an issued certificate gets the application, which sees
 * {@code X-Ssl-Client-Verify: SUCCESS}; without one it gets the "certificate required" page (the ACME challenge
 * still answers); after {@code revoke} the same certificate gets the page.
 */
class ClientCertificatesIT {

  @TempDir
  static Path work;
  static ThrowawayStack stack;
  static ApplianceCli cli;
  static int httpsPort;
  static CompletableFuture<ApplianceCli.Result> supervisor;

  @BeforeAll
  static void serve() throws Exception {
    stack = new ThrowawayStack();
    Path env = TestEnvs.localhost(work.resolve("env"));
    String text = Files.readString(env);
    String mandatory = text.replaceFirst("(?m)^    client_certs_mandatory: false$", "    client_certs_mandatory: true");
    assertNotEquals(text, mandatory, "env-new writes appliance/ssl/client_certs_mandatory");
    Files.writeString(env, mandatory);
    httpsPort = TestEnvs.freePort();
    cli = new ApplianceCli(work.resolve("root"), TestEnvs.stack(work.resolve("stack"), stack.name), TestEnvs.freePort(),
        httpsPort);
    ApplianceCli.ok(cli.run("prepare-env", "--env", env.toString(), "--metadata-url", "none"));
    ApplianceCli.ok(cli.run("prepare-appliance"));
    ApplianceCli.ok(cli.run("prepare-app"));
    supervisor = cli.startServing(new StringWriter());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cli != null) {
      cli.run("stop", "--timeout", "5");
      supervisor.get(60, TimeUnit.SECONDS);
    }
    stack.close();
  }


  /** What curl gets for {@code path}: the status line's code, then the body; with the PKCS#12 file if given. */
  private static String curl(String path, String... certificate) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sk", "--max-time", "10", "-o", "-", "-w", "\n%{http_code}"));
    command.addAll(List.of(certificate));
    command.add("https://localhost:" + httpsPort + path);
    Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(curl.waitFor(20, TimeUnit.SECONDS));
    int last = output.lastIndexOf('\n');
    return output.substring(last + 1) + "\n" + output.substring(0, last);
  }

  @Test
  void anIssuedCertificateGetsTheApplicationUntilItIsRevoked() throws Exception {
    Path p12 = work.resolve("alice.p12");
    ApplianceCli.Result issued = ApplianceCli.ok(cli.run("client-cert", "issue", "alice", "--email", "alice@example.org",
        "--out", p12.toString()));
    Matcher serial = Pattern.compile("serial ([0-9A-F]+),").matcher(issued.out());
    Matcher passphrase = Pattern.compile("(?m)^passphrase .*: (\\S+)$").matcher(issued.out());
    assertTrue(serial.find() && passphrase.find(), issued.out());
    String[] withCertificate = {"--cert-type", "P12", "--cert", p12 + ":" + passphrase.group(1)};

    String none = curl("/client-certificate");
    assertTrue(none.startsWith("403\n") && none.contains("<h1>Client certificate required</h1>")
        && none.contains("<code>NONE</code>"), none);
    String seen = curl("/client-certificate", withCertificate);
    assertTrue(seen.startsWith("200\n"), seen);
    assertTrue(seen.contains("X-Ssl-Client-Verify: SUCCESS\n"), seen);
    assertTrue(seen.contains("X-Ssl-Client-Serial: " + serial.group(1) + "\n"), seen);
    assertTrue(seen.contains("X-Ssl-Client-S-Dn: emailAddress=alice@example.org,CN=alice\n"), seen);
    writeAcmeToken("probe-token", "probe");
    assertEquals("200\nprobe", curl("/.well-known/acme-challenge/probe-token"), "the challenge needs no certificate");

    ApplianceCli.Result revoked = ApplianceCli.ok(cli.run("client-cert", "revoke", "alice"));
    assertTrue(revoked.out().contains("revoked: " + serial.group(1) + " CN=alice,E=alice@example.org"), revoked.out());
    assertTrue(revoked.out().contains("front proxy reloaded"), revoked.out());

    // nginx -s reload returns once signalled; the new workers with the new CRL take over a moment later.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String refused = curl("/client-certificate", withCertificate);
    while (refused.startsWith("200\n") && System.nanoTime() < deadline) {
      Thread.sleep(50);
      refused = curl("/client-certificate", withCertificate);
    }
    assertTrue(refused.startsWith("403\n") && refused.contains("<code>FAILED:certificate revoked</code>"), refused);
    ApplianceCli.Result refresh = ApplianceCli.ok(cli.run("client-cert", "refresh-crl"));
    assertTrue(refresh.out().contains("client CRL: 1 revoked, valid until "), refresh.out());
    assertTrue(ApplianceCli.ok(cli.run("client-cert", "list")).out().contains(serial.group(1)), "listed with its revocation");
  }

  private static void writeAcmeToken(String token, String content) throws IOException {
    Path challenge = Files.createDirectories(work.resolve("root/app/etc/front/acme/.well-known/acme-challenge"));
    Files.writeString(challenge.resolve(token), content);
    challenge.resolve(token).toFile().setReadable(true, false);
  }
}
