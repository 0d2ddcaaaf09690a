package dev.appliance.reference;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned migrations that came with this image (MIGRATIONS_PATH, by default /app/migrations). */
final class Migrations {

  private Migrations() {}

  static void apply(Settings settings) {
    MigrateResult result = Flyway.configure()
        .dataSource(settings.databaseUrl(), settings.databaseUser(), settings.databasePassword())
        .locations("filesystem:" + settings.migrations())
        .connectRetries(30)
        .load()
        .migrate();
    System.out.println("reference-app: schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
        + " migrations applied)");
  }
}
