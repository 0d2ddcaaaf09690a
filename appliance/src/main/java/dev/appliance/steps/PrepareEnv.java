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
    installation.hold(ApplianceLock.EXCLUSIVE, "prepare-env");
    new FailureFlag(installation.root(), installation.clock()).refuseIfRaised("prepare-env");
    Optional<EnvSources.Found> found = sources.find(installation.log());
    if (found.isEmpty()) {
      show("Not configured", "The appliance found no configuration (env.yml). An operator must provide one.");
      throw new Cli.BadInputException("no env found; looked at: " + String.join(", ", sources.described())
          + ". Copy an env.yml to /app/env.yml, or attach the env-cidata.iso made by env-build, then run prepare-env again");
    }
    String source = found.get().source().describe();
    EnvConfig config;
    try {
      config = EnvLoader.load(found.get().source().location(), found.get().content());
    } catch (InvalidEnvException e) {
      e.lines().forEach(installation.log());
      show("Configuration invalid", "The appliance's configuration (env.yml from " + source
          + ") is invalid and was not used. An operator must correct it, check it with env-check, and start again.");
      throw new Cli.BadInputException(e.getMessage() + " (from " + source + "); the active env was left as it was."
          + " Fix the problems above (check with: env-check FILE), then run prepare-env again");
    }
    new Recipe("prepare-env", List.of(new ActivateEnv(source, found.get().content()))).run(installation);
    if (config.appliance().standby()) {
      show("Standby", "This appliance is on standby (appliance/standby in env.yml); the application is not started.");
      installation.log().accept("standby: the application will not be started (appliance/standby is true)");
      return Outcome.STANDBY;
    }
    return Outcome.ACTIVE;
  }

  /**
   * Shows the page, and starts the front proxy to serve it; not while a supervisor serves the application with the
   * env it read at its start, since nothing would end the page then.
   */
  private void show(String title, String text) throws IOException {
    Optional<String> supervisor = installation.otherSupervisor();
    if (supervisor.isPresent()) {
      installation.log().accept("the page '" + title + "' is not shown: a supervisor, " + supervisor.get()
          + ", serves the application with the env it started with");
      return;
    }
    new MaintenancePage(installation.root(), installation.clock()).show(title, text);
    if (!installation.stopRequested()) {
      installation.startFrontIfCreated();
    }
  }
}
