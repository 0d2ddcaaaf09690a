package dev.appliance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.envsource.ActiveEnv;
import dev.appliance.host.HostRoot;
import dev.appliance.support.ApplianceCli;
import dev.appliance.support.TestEnvs;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code appliance client-cert issue} and {@code list} as an operator types them (neither needs Docker). */
class ClientCertCommandTest {

  @TempDir
  Path dir;
  ApplianceCli cli;

  @BeforeEach
  void setUp() throws Exception {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path env = TestEnvs.localhost(dir.resolve("env"));
    ActiveEnv.write(new HostRoot(root), "test", Files.readAllBytes(env), Instant.parse("2026-12-01T10:00:00Z"));
    cli = new ApplianceCli(root, TestEnvs.STACK, 8080, 8443);
  }

  @Test
  void issuePrintsTheGeneratedPassphraseOnceAndListShowsTheCertificate() throws Exception {
    Path out = dir.resolve("alice.p12");

    ApplianceCli.Result issued = cli.run("client-cert", "issue", "alice", "--email", "alice@example.org", "--out", out.toString());

    assertEquals(0, issued.code(), issued.out() + issued.err());
    Matcher passphrase = Pattern.compile("(?m)^passphrase \\(shown only now; give it to the user apart from the file\\):"
        + " ([A-Za-z0-9]{24})$").matcher(issued.out());
    assertTrue(passphrase.find(), issued.out());
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    p12.load(new ByteArrayInputStream(Files.readAllBytes(out)), passphrase.group(1).toCharArray());
    assertTrue(issued.out().contains("written: " + out), issued.out());
    Matcher serial = Pattern.compile("issued CN=alice,E=alice@example.org, serial ([0-9A-F]+), valid until ").matcher(issued.out());
    assertTrue(serial.find(), issued.out());

    ApplianceCli.Result list = cli.run("client-cert", "list");
    assertEquals(0, list.code(), list.err());
    String[] lines = list.out().split("\n");
    assertTrue(lines[0].matches("SERIAL +SUBJECT +EXPIRES +REVOKED"), list.out());
    assertTrue(lines[1].matches(serial.group(1) + "  CN=alice,E=alice@example.org  20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +-"),
        list.out());
    assertEquals(2, lines.length, list.out());
  }

  @Test
  void aPassphraseFileIsUsedAndNotPrinted() throws Exception {
    Path out = dir.resolve("bob.p12");
    Path passphrase = Files.writeString(dir.resolve("passphrase"), "bob's own passphrase\n");

    ApplianceCli.Result issued = cli.run("client-cert", "issue", "bob", "--days", "7", "--out", out.toString(),
        "--passphrase-file", passphrase.toString());

    assertEquals(0, issued.code(), issued.out() + issued.err());
    assertTrue(!issued.out().contains("passphrase"), issued.out());
    KeyStore.getInstance("PKCS12").load(new ByteArrayInputStream(Files.readAllBytes(out)), "bob's own passphrase".toCharArray());
  }

  @Test
  void badInputIsExitTwoWithTheFix() {
    ApplianceCli.Result days = cli.run("client-cert", "issue", "alice", "--days", "0", "--out", dir.resolve("a.p12").toString());
    assertEquals(2, days.code());
    assertTrue(days.err().startsWith("issue: --days 0: give 1 to "), days.err());
    ApplianceCli.Result unknown = cli.run("client-cert", "revoke", "nobody");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("see them with: appliance client-cert list"), unknown.err());
    assertEquals("no client certificate issued yet; issue one with: appliance client-cert issue NAME\n",
        cli.run("client-cert", "list").out());
    // An address the certificate's IA5String cannot hold, and a serial with no digit, change nothing.
    ApplianceCli.Result unicode = cli.run("client-cert", "issue", "jorg", "--email", "j\u00f6rg@ex\u00e4mple.org", "--out",
        dir.resolve("j.p12").toString());
    assertEquals(2, unicode.code(), unicode.out() + unicode.err());
    assertTrue(unicode.err().contains("in ASCII"), unicode.err());
    assertTrue(Files.notExists(dir.resolve("j.p12")));
    assertEquals(2, cli.run("client-cert", "revoke", ":").code());
  }

  @Test
  void certificateIssueIsBadInputWhenTheEnvWantsNoAcmeCertificate() {
    ApplianceCli.Result issue = cli.run("certificate", "issue");
    assertEquals(2, issue.code(), issue.out() + issue.err());
    assertTrue(issue.err().contains("appliance/ssl/letsencrypt/enabled is false"), issue.err());
  }
}
