package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
      "app/secrets/SECRET_KEY", "app/secrets/VAULT_PGP_KEY", "appliance/dkim/key", "appliance/ssl/client_ca/key");

  @TempDir
  Path dir;

  @Test
  void aNewEnvPassesEnvCheckWithPrivateModes() throws IOException {
    Path target = dir.resolve("site/env.yml");
    CliRun created = CliRun.envNew("app.example.org", dir.resolve("site").toString());
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
        + "    smtp: {host: mail.example.org}\n    sentry_dsn: https://abc@sentry.example.org/3\napp:\n  settings:\n    LANGUAGE: de\n");
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
    CliRun run = CliRun.envNew("example.org", dir.resolve("site").toString(), "--stack", stack.toString());
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
