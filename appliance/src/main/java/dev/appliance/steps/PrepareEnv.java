package dev.appliance.steps;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.InvalidEnvException;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.envsource.EnvSources;
import dev.appliance.failure.FailureFlag;
import dev.appliance.proxy.MaintenancePage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code prepare-env}: finds the env, validates it whole, and only then makes it the active env. An invalid or
 * missing env changes nothing but the maintenance page.
 */
public final class PrepareEnv {

  /** What the rest of the chain does next. */
  public enum Outcome { ACTIVE, STANDBY }

  private final Installation installation;
  private final EnvSources sources;

  public PrepareEnv(Installation installation, Optional<Path> explicit, Optional<URI> metadata) {
    this.installation = installation;
    this.sources = EnvSources.standard(installation.root(), installation.processes(), explicit, metadata);
  }

  public Outcome run() throws Exception {
    new FailureFlag(installation.root(), installation.clock()).refuseIfRaised("prepare-env");
    MaintenancePage page = new MaintenancePage(installation.root(), installation.clock());
    Optional<EnvSources.Found> found = sources.find(installation.log());
    if (found.isEmpty()) {
      page.show("Not configured", "The appliance found no configuration (env.yml). An operator must provide one.");
      installation.startFrontIfCreated();
      throw new Cli.BadInputException("no env found; looked at: " + String.join(", ", sources.described())
          + ". Copy an env.yml to /app/env.yml, or attach the env-cidata.iso made by env-build, then run prepare-env again");
    }
    String source = found.get().source().describe();
    EnvConfig config;
    try {
      config = EnvLoader.load(found.get().source().location(), found.get().content());
    } catch (InvalidEnvException e) {
      e.lines().forEach(installation.log());
      page.show("Configuration invalid", "The appliance's configuration (env.yml from " + source
          + ") is invalid and was not used. An operator must correct it, check it with env-check, and start again.");
      installation.startFrontIfCreated();
      throw new Cli.BadInputException(e.getMessage() + " (from " + source + "); the active env was left as it was."
          + " Fix the problems above (check with: env-check FILE), then run prepare-env again");
    }
    new Recipe("prepare-env", List.of(new ActivateEnv(source, found.get().content()))).run(installation);
    if (config.appliance().standby()) {
      page.show("Standby", "This appliance is on standby (appliance/standby in env.yml); the application is not started.");
      installation.startFrontIfCreated();
      installation.log().accept("standby: the application will not be started (appliance/standby is true)");
      return Outcome.STANDBY;
    }
    return Outcome.ACTIVE;
  }
}
