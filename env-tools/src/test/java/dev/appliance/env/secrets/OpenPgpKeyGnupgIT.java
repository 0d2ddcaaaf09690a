package dev.appliance.env.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.CliRun;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.testing.GnupgHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenPGP key in a new env works with the real GnuPG: import, encrypt to it with gpg, decrypt with it. */
class OpenPgpKeyGnupgIT {

  @TempDir
  Path dir;

  @Test
  void gnupgImportsEncryptsToAndDecryptsWithTheGeneratedKey() throws Exception {
    assertEquals(0, CliRun.envNew("example.org", dir.resolve("site").toString(), "--environment", "qa").code());
    String secretKey = EnvLoader.load(dir.resolve("site/env.yml")).app().secrets().get("VAULT_PGP_KEY").reveal();
    Path keyFile = Files.writeString(dir.resolve("vault.asc"), secretKey);
    GnupgHome gpg = GnupgHome.in(dir.resolve("gnupg"));

    gpg.gpg("--import", keyFile.toString());
    String listing = gpg.gpg("--with-colons", "--list-secret-keys").out();
    assertTrue(listing.contains("::example.org VAULT_PGP_KEY <vault-pgp-key@example.org>::"), listing);
    for (String line : listing.split("\n")) {
      if (line.startsWith("sec:") || line.startsWith("ssb:")) {
        assertEquals("", line.split(":", -1)[6], "the key must not expire: " + line);
      }
    }

    byte[] plain = new byte[300_000];
    new SecureRandom().nextBytes(plain);
    Path message = Files.write(dir.resolve("plain.bin"), plain);
    gpg.gpg("--trust-model", "always", "--recipient", "vault-pgp-key@example.org", "--output", dir.resolve("msg.gpg").toString(),
        "--encrypt", message.toString());
    String decryption = gpg.gpg("--verbose", "--output", dir.resolve("decrypted.bin").toString(), "--decrypt",
        dir.resolve("msg.gpg").toString()).stderr();
    assertTrue(decryption.contains("AES256 encrypted data"),
        "gpg should pick AES-256 from the key's preferences, not fall back to 3DES:\n" + decryption);
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("decrypted.bin")));
  }
}
