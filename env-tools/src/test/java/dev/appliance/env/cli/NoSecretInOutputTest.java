package dev.appliance.env.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Breaks a real env around its secrets in the ways people do, and checks env-check never shows a secret. */
class NoSecretInOutputTest {

  @TempDir
  Path dir;

  @Test
  void brokenSecretLinesNeverEchoTheSecret() throws IOException {
    // qa: a production env would be reported for what production needs, broken or not.
    assertEquals(0, CliRun.envNew("example.org", dir.toString(), "--environment", "qa").code());
    Path env = dir.resolve("env.yml");
    String text = Files.readString(env);
    Map<String, Object> values = EnvNewCommandTest.load(env);
    String backup = EnvNewCommandTest.get(values, "appliance/backup/secret");
    String database = EnvNewCommandTest.get(values, "app/database/password");
    String token = EnvNewCommandTest.get(values, "app/secrets/SECRET_KEY");
    String vpn = EnvNewCommandTest.get(values, "appliance/vpn/private_key");
    String luks = EnvNewCommandTest.get(values, "appliance/storage/data/passphrase");

    Map<String, UnaryOperator<String>> breakages = Map.of(
        "unclosed quote", t -> t.replace("secret: " + backup, "secret: \"" + backup),
        "secret as a list", t -> t.replace("password: " + database, "password: [" + database + "]"),
        "secret as a section", t -> t.replace("password: " + database, "password:\n      value: " + database),
        "secret too short", t -> t.replace(backup, backup.substring(0, 20)),
        "duplicate secret key", t -> t.replace("password: " + database, "password: " + database + "\n    password: " + database),
        "bad secret name", t -> t.replace("SECRET_KEY: " + token, "secret_key: " + token),
        "tab before secret", t -> t.replace("    secret: " + backup, "\tsecret: " + backup),
        "secret as a key", t -> t.replace("SECRET_KEY: " + token, token + ": x"),
        "vpn key cut short", t -> t.replace(vpn, vpn.substring(0, 30)),
        "passphrase too short", t -> t.replace(luks, luks.substring(0, 20)));
    for (Map.Entry<String, UnaryOperator<String>> breakage : breakages.entrySet()) {
      Path broken = dir.resolve(breakage.getKey().replace(' ', '-') + ".yml");
      Files.writeString(broken, breakage.getValue().apply(text));
      CliRun run = CliRun.envCheck(broken.toString());
      assertEquals(2, run.code(), breakage.getKey() + " should be reported:\n" + run.all());
      for (String secret : new String[] {backup, database, token, backup.substring(0, 20), vpn.substring(0, 30),
          luks.substring(0, 20)}) {
        assertFalse(run.all().contains(secret), breakage.getKey() + " printed a secret:\n" + run.all());
      }
    }
  }
}
