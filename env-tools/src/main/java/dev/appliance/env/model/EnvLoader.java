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
    return from(file, EnvCheck.file(file));
  }

  /**
   * Validates {@code content}, read from {@code file} by the caller, which then uses exactly what was checked.
   *
   * @throws InvalidEnvException if the env has any problem
   */
  public static EnvConfig load(Path file, byte[] content) throws InvalidEnvException {
    return from(file, EnvCheck.bytes(content, file.getFileName().toString()));
  }

  private static EnvConfig from(Path file, EnvCheck.Result result) throws InvalidEnvException {
    if (!result.valid() || result.root().isEmpty()) {
      throw new InvalidEnvException(file, result.problems());
    }
    return EnvConfigReader.read(result.root().get());
  }
}
