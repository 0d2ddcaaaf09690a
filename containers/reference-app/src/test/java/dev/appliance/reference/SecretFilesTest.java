package dev.appliance.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {

  @TempDir
  Path dir;

  @Test
  void aFileStandsInForItsVariableWithoutItsFinalLineBreak() throws Exception {
    Path secret = Files.writeString(dir.resolve("DATABASE_PASSWORD"), "s3cret\n");

    Map<String, String> env = SecretFiles.resolve(Map.of("DATABASE_PASSWORD_FILE", secret.toString(), "PORT", "8080"));

    assertEquals("s3cret", env.get("DATABASE_PASSWORD"));
    assertEquals("8080", env.get("PORT"));
  }

  @Test
  void aVariableGivenDirectlyWins() throws Exception {
    Path secret = Files.writeString(dir.resolve("X"), "from the file");

    assertEquals("given", SecretFiles.resolve(Map.of("X_FILE", secret.toString(), "X", "given")).get("X"));
  }

  @Test
  void anUnreadableFileIsNamed() {
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> SecretFiles.resolve(Map.of("X_FILE", dir.resolve("missing").toString())));
    assertEquals("cannot read X_FILE (" + dir.resolve("missing") + ")", e.getMessage());
  }
}
