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
    assertEquals(0, CliRun.envNew("example.org", dir.toString()).code());
    Path env = dir.resolve("env.yml");
    String text = Files.readString(env);
    Map<String, Object> values = EnvNewCommandTest.load(env);
    String backup = EnvNewCommandTest.get(values, "appliance/backup/secret");
    String database = EnvNewCommandTest.get(values, "app/database/password");
    String token = EnvNewCommandTest.get(values, "app/secrets/SECRET_KEY");

    Map<String, UnaryOperator<String>> breakages = Map.of(
        "unclosed quote", t -> t.replace("secret: " + backup, "secret: \"" + backup),
        "secret as a list", t -> t.replace("password: " + database, "password: [" + database + "]"),
        "secret as a section", t -> t.replace("password: " + database, "password:\n      value: " + database),
        "secret too short", t -> t.replace(backup, backup.substring(0, 20)),
        "duplicate secret key", t -> t.replace("password: " + database, "password: " + database + "\n    password: " + database),
        "bad secret name", t -> t.replace("SECRET_KEY: " + token, "secret_key: " + token),
        "tab before secret", t -> t.replace("    secret: " + backup, "\tsecret: " + backup),
        "secret as a key", t -> t.replace("SECRET_KEY: " + token, token + ": x"));
    for (Map.Entry<String, UnaryOperator<String>> breakage : breakages.entrySet()) {
      Path broken = dir.resolve(breakage.getKey().replace(' ', '-') + ".yml");
      Files.writeString(broken, breakage.getValue().apply(text));
      CliRun run = CliRun.envCheck(broken.toString());
      assertEquals(2, run.code(), breakage.getKey() + " should be reported:\n" + run.all());
      for (String secret : new String[] {backup, database, token, backup.substring(0, 20)}) {
        assertFalse(run.all().contains(secret), breakage.getKey() + " printed a secret:\n" + run.all());
      }
    }
  }
}
