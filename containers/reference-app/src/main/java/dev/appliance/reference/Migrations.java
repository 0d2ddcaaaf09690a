package dev.appliance.reference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned migrations that came with this image (/app/migrations). */
final class Migrations {

  static final String LOCATION = "filesystem:" + System.getenv().getOrDefault("MIGRATIONS_PATH", "/app/migrations");

  private Migrations() {}

  static void apply(Settings settings) {
    MigrateResult result = Flyway.configure()
        .dataSource(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword())
        .locations(LOCATION)
        .connectRetries(30)
        .load()
        .migrate();
    System.out.println("reference-app: schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
        + " migrations applied)");
  }
}
