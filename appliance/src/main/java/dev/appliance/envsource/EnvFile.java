package dev.appliance.envsource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An env file on this machine: the one given with {@code --env}, or {@code /app/env.yml}. */
public record EnvFile(String name, Path file) implements EnvSource {

  @Override
  public String describe() {
    return name + " " + file;
  }

  @Override
  public Path location() {
    return file;
  }

  @Override
  public Optional<byte[]> read() throws IOException {
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }
}
