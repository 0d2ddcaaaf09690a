package dev.appliance.reference;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the application is told through its environment.
 *
 * @param databaseUrl JDBC URL of the database
 * @param databaseUser database user
 * @param databasePassword database password
 * @param redisUrl Redis URL of the job queue
 * @param vault directory of the documents' content
 * @param version the application version (1 or 2), baked into the image
 * @param port HTTP port of the web command
 * @param migrations directory of the migrations that came with the image
 */
record Settings(String databaseUrl, String databaseUser, String databasePassword, String redisUrl, Path vault, int version,
    int port, Path migrations) {

  static Settings from(Map<String, String> env) {
    return new Settings(required(env, "DATABASE_URL"), required(env, "DATABASE_USER"), required(env, "DATABASE_PASSWORD"),
        required(env, "REDIS_URL"), Path.of(required(env, "VAULT_PATH")), Integer.parseInt(env.getOrDefault("APP_VERSION", "1")),
        Integer.parseInt(env.getOrDefault("PORT", "8080")), Path.of(env.getOrDefault("MIGRATIONS_PATH", "/app/migrations")));
  }

  private static String required(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the environment variable " + name + " is not set");
    }
    return value;
  }
}
