package dev.appliance.env.model;

import dev.appliance.env.validate.EnvCheck;
import dev.appliance.env.yaml.Problems;
import dev.appliance.env.yaml.YamlReader;
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

  /**
   * Reads {@code content} that passed {@link #load(Path, byte[])} before and has not changed since (the caller
   * makes sure, by a digest), without validating it again: no key, certificate or OpenPGP key is parsed, which
   * keeps Bouncy Castle out of a long-running process that only needs the values.
   *
   * @throws InvalidEnvException if it is not even well-formed YAML any more
   */
  public static EnvConfig readValidated(Path file, byte[] content) throws InvalidEnvException {
    Problems problems = new Problems();
    YamlReader.Parsed parsed = YamlReader.read(content, file.getFileName().toString(), problems);
    if (!problems.isEmpty() || parsed.root().isEmpty()) {
      throw new InvalidEnvException(file, problems.sorted());
    }
    return EnvConfigReader.read(parsed.root().get());
  }

  private static EnvConfig from(Path file, EnvCheck.Result result) throws InvalidEnvException {
    if (!result.valid() || result.root().isEmpty()) {
      throw new InvalidEnvException(file, result.problems());
    }
    return EnvConfigReader.read(result.root().get());
  }
}
