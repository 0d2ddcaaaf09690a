package dev.appliance.env.model;

import dev.appliance.env.validate.EnvCheck;
import java.io.IOException;
import java.nio.file.Path;

/** Loads an env file into an {@link EnvConfig}: validates completely first, and refuses an invalid env whole. */
public final class EnvLoader {

  private EnvLoader() {}

  /**
   * Loads and validates {@code file}.
   *
   * @throws InvalidEnvException if the env has any problem; nothing of it is used then
   * @throws IOException if the file cannot be read
   */
  public static EnvConfig load(Path file) throws InvalidEnvException, IOException {
    EnvCheck.Result result = EnvCheck.file(file);
    if (!result.valid() || result.root().isEmpty()) {
      throw new InvalidEnvException(file, result.problems());
    }
    return EnvConfigReader.read(result.root().get());
  }
}
