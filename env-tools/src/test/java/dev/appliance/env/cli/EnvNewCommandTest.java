package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.secrets.WireGuardKeyTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class EnvNewCommandTest {

  /** Every secret env-new generates, by path. */
  static final List<String> SECRETS = List.of("appliance/backup/secret", "app/database/password",
      "app/secrets/SECRET_KEY", "app/secrets/VAULT_PGP_KEY", "appliance/dkim/key", "appliance/ssl/client_ca/key",
      "appliance/vpn/private_key", "appliance/storage/data/passphrase", "appliance/storage/volatile/passphrase");

  /** What a production env needs besides env-new's values: a backup target off the machine and an alert channel. */
  static final String PRODUCTION_PRESETS = "appliance:\n  backup:\n    url: rest+https://backup.example.org/site/\n"
      + "  alert:\n    heartbeat_url: https://hc.example.org/ping/1\n  firewall:\n    ssh_from: [192.0.2.0/24]\n";

  @TempDir
  Path dir;

  @Test
  void aNewEnvPassesEnvCheckWithPrivateModes() throws IOException {
    Path target = dir.resolve("site/env.yml");
    CliRun created = CliRun.envNew("app.example.org", dir.resolve("site").toString(), "--environment", "staging");
    assertEquals(0, created.code(), created.all());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())));
    assertTrue(Files.readString(target).startsWith("#cloud-config\n"));
    assertEquals(List.of("env.yml"), Files.list(target.getParent()).map(p -> p.getFileName().toString()).toList(),
        "no temporary file is left behind");

    CliRun check = CliRun.envCheck(target.toString());
    assertEquals("ok\n", check.out(), check.all());
    assertEquals(0, check.code());
  }

  @Test
  void aNewProductionEnvIsWrittenAndNamesWhatProductionStillNeeds() throws IOException {
    Path target = dir.resolve("site/env.yml");
    CliRun created = CliRun.envNew("example.org", dir.resolve("site").toString());
    assertEquals(0, created.code(), created.all());
    assertEquals("production", get(load(target), "appliance/environment"), "production is the default");
    CliRun check = CliRun.envCheck(target.toString());
    assertEquals(2, check.code(), check.all());
    List<String> needs = check.out().lines().toList();
    assertEquals(3, needs.size(), check.out());
    assertTrue(needs.get(0).contains("appliance/backup/url") && needs.get(1).contains("appliance/alert")
        && needs.get(2).contains("warning: appliance/firewall/ssh_from"), check.out());
    assertTrue(created.out().contains("\nBefore env-build, this production env still needs what env-check says here (a"
        + " warning does not stop env-build):\n" + String.join("\n", needs) + "\n"), "env-new prints what env-check says:\n" + created.out());
    CliRun build = CliRun.of(new EnvBuildCommand(), target.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, build.code(), build.all());
    assertFalse(Files.exists(dir.resolve("out")), "env-build refuses it and builds nothing");

    Path presets = Files.writeString(dir.resolve("production.yml"), PRODUCTION_PRESETS);
    CliRun complete = CliRun.envNew("example.org", dir.resolve("complete").toString(), "--extra", presets.toString());
    assertEquals(0, complete.code(), complete.all());
    assertFalse(complete.out().contains("still needs"), complete.out());
    assertEquals("ok\n", CliRun.envCheck(dir.resolve("complete/env.yml").toString()).out());
  }

  @Test
  void theVpnKeyIsMadeTurnedOffAndItsPublicHalfPrintedAndTheDisksAreEncryptedOnceAttached() throws Exception {
    CliRun run = CliRun.envNew("example.org", dir.toString(), "--environment", "qa");
    assertEquals(0, run.code(), run.all());
    Map<String, Object> env = load(dir.resolve("env.yml"));
    assertEquals(false, getObject(env, "appliance/vpn/enabled"));
    String publicKey = WireGuardKeyTest.publicKeyByTheJdk(get(env, "appliance/vpn/private_key"));
    assertTrue(run.out().contains("The appliance's WireGuard public key (for the peers of appliance/vpn): " + publicKey + "\n"),
        run.out());
    for (String volume : List.of("data", "volatile")) {
      assertEquals(true, getObject(env, "appliance/storage/" + volume + "/ignore"));
      assertEquals(true, getObject(env, "appliance/storage/" + volume + "/encrypted"));
      assertTrue(get(env, "appliance/storage/" + volume + "/passphrase").matches("[A-Za-z0-9]{48}"));
    }
  }

  @Test
  void aBackupOnlyEnvironmentIsRefused() {
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--environment", "backup");
    assertEquals(2, run.code());
    assertEquals("env-new: --environment backup: the appliance does not yet run as a machine that only receives backups;"
        + " use a restic rest-server or an sftp server for backups; fix: choose production, staging, qa or development\n",
        run.err());
    assertFalse(Files.exists(dir.resolve("site")));
  }

  @Test
  void everySecretIsPresentStrongAndDifferentOnEachRun() throws IOException {
    assertEquals(0, CliRun.envNew("example.org", dir.resolve("a").toString()).code());
    assertEquals(0, CliRun.envNew("example.org", dir.resolve("b").toString()).code());
    Map<String, Object> a = load(dir.resolve("a/env.yml"));
    Map<String, Object> b = load(dir.resolve("b/env.yml"));
    for (String path : SECRETS) {
      String first = get(a, path);
      String second = get(b, path);
      assertTrue(first.length() >= 32, path + " is too short");
      assertNotEquals(first, second, path + " must differ between runs");
    }
  }

  @Test
  void theOutputNamesTheDnsRecordsButNoSecret() throws IOException {
    CliRun run = CliRun.envNew("example.org", dir.toString());
    assertEquals(0, run.code());
    Map<String, Object> env = load(dir.resolve("env.yml"));
    for (String path : SECRETS) {
      for (String line : get(env, path).split("\n")) {
        if (line.length() >= 16) {
          assertFalse(run.all().contains(line), "env-new printed part of " + path);
        }
      }
    }
    for (String record : List.of(" IN A ", " IN MX ", "\"v=spf1 ", "_dmarc.example.org.", "default._domainkey.example.org.",
        " IN PTR ")) {
      assertTrue(run.out().contains(record), "missing DNS record " + record + " in:\n" + run.out());
    }
  }

  @Test
  void anExistingEnvIsNeverOverwritten() throws IOException {
    Path target = dir.resolve("env.yml");
    Files.writeString(target, "#cloud-config\nmine\n");
    CliRun run = CliRun.envNew("example.org", dir.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("already exists"), run.err());
    assertEquals("#cloud-config\nmine\n", Files.readString(target));
  }

  @Test
  void anInvalidDomainWritesNothing() {
    CliRun run = CliRun.envNew("Example_Org", dir.resolve("x").toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("is not a valid domain name"), run.err());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void aFileGivenAsDirIsBadInput() throws IOException {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    CliRun run = CliRun.envNew("example.org", file.toString());
    assertEquals(2, run.code());
    assertEquals("env-new: " + file + " is not a directory; give the directory that env.yml should go into\n", run.err());
  }

  @Test
  void presetsMayNotChangeTheDomain() throws IOException {
    Path extra = Files.writeString(dir.resolve("extra.yml"), "appliance:\n  domain: other.example.org\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--extra", extra.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("sets appliance/domain; give the domain as DOMAIN instead"), run.err());
    assertFalse(Files.exists(dir.resolve("site")));
  }

  @Test
  void aLocalDomainGetsNoLetsEncryptAndStillPasses() throws IOException {
    CliRun run = CliRun.envNew("localhost", dir.toString(), "--environment", "development");
    assertEquals(0, run.code(), run.all());
    Map<String, Object> env = load(dir.resolve("env.yml"));
    assertEquals(false, getObject(env, "appliance/ssl/letsencrypt/enabled"));
    assertEquals("development", get(env, "appliance/environment"));
    assertEquals(0, CliRun.envCheck(dir.resolve("env.yml").toString()).code());
  }

  @Test
  void extraPresetsAreMergedIn() throws IOException {
    String key = Files.readString(Path.of("src/test/resources/env/pem/id_test.pub")).strip();
    Path extra = dir.resolve("extra.yml");
    Files.writeString(extra, "ssh_authorized_keys:\n  - " + key + "\ntimezone: Europe/Vienna\nappliance:\n"
        + "  update:\n    automatic: false\n    oncalendar: Sat 04:00\n  alert:\n    email: [ops@example.org]\n"
        + "    smtp: {host: mail.example.org}\n    sentry_dsn: https://abc@sentry.example.org/3\n  backup:\n"
        + "    url: rest+https://backup.example.org/site/\n  vpn:\n    enabled: true\n    ssh_only: true\napp:\n  settings:\n    LANGUAGE: de\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--extra", extra.toString());
    assertEquals(0, run.code(), run.all());
    Path target = dir.resolve("site/env.yml");
    Map<String, Object> env = load(target);
    assertEquals(List.of(key), env.get("ssh_authorized_keys"));
    assertEquals("Europe/Vienna", env.get("timezone"));
    assertEquals(false, getObject(env, "appliance/update/automatic"));
    assertEquals("Sat 04:00", get(env, "appliance/update/oncalendar"));
    assertEquals(List.of("ops@example.org"), getObject(env, "appliance/alert/email"));
    assertEquals("de", get(env, "app/settings/LANGUAGE"));
    assertTrue(get(env, "app/secrets/SECRET_KEY").length() >= 32, "generated values are kept beside the presets");
    assertEquals(44, get(env, "appliance/vpn/private_key").length(), "the generated key is kept in the preset's vpn");
    assertEquals("ok\n", CliRun.envCheck(target.toString()).out());
  }

  @Test
  void invalidPresetsAreReportedInTheirOwnFileAndNothingIsWritten() throws IOException {
    Path extra = dir.resolve("extra.yml");
    Files.writeString(extra, "appliance:\n  update:\n    automatic: yes\n  alert:\n    emial: [ops@example.org]\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--extra", extra.toString());
    assertEquals(2, run.code());
    assertEquals(extra + ":3:16: appliance/update/automatic: should be true or false, not 'yes'; fix: write true or false"
        + " (in YAML 1.2, yes/no/on/off are plain strings)\n" + extra + ":5:5: appliance/alert/emial: unknown key; fix: did"
        + " you mean 'email'?\n", run.out());
    assertFalse(Files.exists(dir.resolve("site/env.yml")));
  }

  @Test
  void theSecretsAStackDeclaresAreGeneratedByKind() throws Exception {
    Path stack = Files.writeString(dir.resolve("stack.yml"), "x-appliance:\n  web: {service: web, port: 8080}\n"
        + "  secrets:\n    - {name: ADMIN_PASSWORD, kind: password}\n    - {name: API_TOKEN, kind: token}\n"
        + "    - {name: SIGNING_KEY, kind: rsa-key}\n    - {name: ARCHIVE_KEY, kind: openpgp-key}\n"
        + "services:\n  web: {image: example/web:1}\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--stack", stack.toString(),
        "--environment", "development");
    assertEquals(0, run.code(), run.all());
    Map<String, Object> env = load(dir.resolve("site/env.yml"));
    assertEquals(List.of("ADMIN_PASSWORD", "API_TOKEN", "SIGNING_KEY", "ARCHIVE_KEY"),
        List.copyOf(((Map<?, ?>) getObject(env, "app/secrets")).keySet()));
    assertTrue(get(env, "app/secrets/ADMIN_PASSWORD").matches("[A-Za-z0-9]{32}"));
    assertTrue(get(env, "app/secrets/API_TOKEN").matches("[A-Za-z0-9]{50}"));
    var rsa = (java.security.interfaces.RSAPrivateKey) dev.appliance.env.types.PemMaterial.privateKey(get(env, "app/secrets/SIGNING_KEY"));
    assertEquals(3072, rsa.getModulus().bitLength());
    assertTrue(get(env, "app/secrets/ARCHIVE_KEY").startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
    assertEquals("ok\n", CliRun.envCheck(dir.resolve("site/env.yml").toString()).out());
  }

  @Test
  void withoutAStackTheReferenceStacksSecretsAreGenerated() throws Exception {
    assertEquals(dev.appliance.stack.StackFile.read(Path.of("../containers/stack.yml"),
        dev.appliance.stack.Interpolation.deferred()).appliance().secrets(),
        dev.appliance.env.newenv.EnvTemplate.DEFAULT_APP_SECRETS);
  }

  @Test
  void anInvalidStackWritesNothing() throws IOException {
    Path stack = Files.writeString(dir.resolve("stack.yml"), "services:\n  web: {image: a:1, privileged: true}\n");
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--stack", stack.toString());
    assertEquals(2, run.code());
    assertTrue(run.out().contains(stack + ":2:21: services/web/privileged: 'privileged' is not supported"), run.out());
    assertFalse(Files.exists(dir.resolve("site")));
  }

  static Map<String, Object> load(Path file) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    return map;
  }

  static String get(Map<String, Object> env, String path) {
    return (String) getObject(env, path);
  }

  @SuppressWarnings("unchecked")
  static Object getObject(Map<String, Object> env, String path) {
    Object current = env;
    for (String key : path.split("/")) {
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }
}
