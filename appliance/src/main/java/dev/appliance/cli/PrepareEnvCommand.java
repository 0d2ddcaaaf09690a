package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.envsource.MetadataService;
import dev.appliance.steps.Installation;
import dev.appliance.steps.PrepareEnv;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance prepare-env}. */
@Command(name = "prepare-env", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Finds the env (--env FILE, /app/env.yml, the cidata drive, the config-2 drive, the metadata service;"
        + " the first found wins), validates it, and writes it to /run/active-env.yml (mode 0600).",
        "An invalid env leaves the active env as it was and exits 2."})
final class PrepareEnvCommand extends StepCommand {

  @Option(names = "--env", paramLabel = "FILE", description = "Use this env file before any other source.")
  Path env;

  @Option(names = "--metadata-url", paramLabel = "URL", defaultValue = MetadataService.DEFAULT_URL,
      description = "The EC2-style metadata service to ask for /latest/user-data, or 'none' (default: ${DEFAULT-VALUE}).")
  String metadataUrl;

  @Override
  boolean createsRoot() {
    return true;
  }

  @Override
  int run(Installation installation) throws Exception {
    new PrepareEnv(installation, Optional.ofNullable(env), metadata(metadataUrl)).run();
    return Cli.OK;
  }

  /** The metadata service's URL, or none. */
  static Optional<URI> metadata(String url) {
    return url.equals("none") ? Optional.empty() : Optional.of(URI.create(url));
  }
}
