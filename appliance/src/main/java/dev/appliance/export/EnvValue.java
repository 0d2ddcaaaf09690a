package dev.appliance.export;

/** A value of a service's environment in an export: written as it is, or read from a secret. */
public sealed interface EnvValue {

  /** A value that is no secret, as the env resolves it. */
  record Plain(String value) implements EnvValue {}

  /**
   * The whole value is the secret {@code name} ({@code app/secrets/NAME} or {@code DATABASE_PASSWORD}): an export
   * hands it over as a file, never as plain text in a manifest.
   */
  record Secret(String name) implements EnvValue {}
}
