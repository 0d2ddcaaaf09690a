package dev.appliance.env.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The OpenPGP key in a new env works with the real GnuPG: import, encrypt to it with gpg, decrypt with it. */
class OpenPgpKeyGnupgIT {

  @TempDir
  Path dir;

  @Test
  void gnupgImportsEncryptsToAndDecryptsWithTheGeneratedKey() throws Exception {
    assertEquals(0, CliRun.envNew("example.org", dir.resolve("site").toString()).code());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> env = (Map<String, Map<String, Object>>) new Load(LoadSettings.builder().build())
        .loadFromString(Files.readString(dir.resolve("site/env.yml")));
    @SuppressWarnings("unchecked")
    String secretKey = (String) ((Map<String, Object>) env.get("app").get("secrets")).get("VAULT_PGP_KEY");
    Path keyFile = dir.resolve("vault.asc");
    Files.writeString(keyFile, secretKey);
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

    gpg(home, "--import", keyFile.toString());
    String listing = gpg(home, "--with-colons", "--list-secret-keys");
    assertTrue(listing.contains("::example.org storage vault <vault@example.org>::"), listing);
    for (String line : listing.split("\n")) {
      if (line.startsWith("sec:") || line.startsWith("ssb:")) {
        assertEquals("", line.split(":", -1)[6], "the key must not expire: " + line);
      }
    }

    byte[] plain = new byte[300_000];
    new SecureRandom().nextBytes(plain);
    Path message = dir.resolve("plain.bin");
    Files.write(message, plain);
    gpg(home, "--trust-model", "always", "--recipient", "vault@example.org", "--output", dir.resolve("msg.gpg").toString(),
        "--encrypt", message.toString());
    String decryption = gpg(home, "--verbose", "--output", dir.resolve("decrypted.bin").toString(), "--decrypt",
        dir.resolve("msg.gpg").toString());
    assertTrue(decryption.contains("AES256 encrypted data"),
        "gpg should pick AES-256 from the key's preferences, not fall back to 3DES:\n" + decryption);
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("decrypted.bin")));
  }

  private static String gpg(Path home, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
        "--pinentry-mode", "loopback", "--passphrase", ""));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "gpg did not finish");
    assertEquals(0, process.exitValue(), "'gpg " + String.join(" ", args) + "' failed:\n" + output);
    return output;
  }
}
