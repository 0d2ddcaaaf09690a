package dev.appliance.tls;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.Secret;
import dev.appliance.env.secrets.SecretGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** The passphrase of a client certificate's PKCS#12 file: generated, or the operator's own from a file. */
public final class Passphrase {

  /** Letters and digits: about 143 bits, and typed without trouble on any keyboard layout's letters. */
  static final int GENERATED_LENGTH = 24;
  static final int MINIMUM_LENGTH = 8;

  private Passphrase() {}

  public static Secret generate(SecureRandom random) {
    return Secret.of(new SecretGenerator(random).token(GENERATED_LENGTH));
  }

  /**
   * The first line of {@code file} (its line end not included).
   *
   * @throws Cli.BadInputException when the file cannot be read, or its passphrase is shorter than 8 characters
   */
  public static Secret read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new Cli.BadInputException("--passphrase-file " + file + " cannot be read (" + e.getMessage()
          + "); give a file whose first line is the passphrase");
    }
    String line = text.lines().findFirst().orElse("");
    if (line.length() < MINIMUM_LENGTH) {
      throw new Cli.BadInputException("--passphrase-file " + file + ": the passphrase on its first line has "
          + line.length() + " characters; give one of " + MINIMUM_LENGTH + " or more");
    }
    return Secret.of(line);
  }
}
