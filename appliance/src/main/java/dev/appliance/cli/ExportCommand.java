package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.InvalidEnvException;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.export.Exporter;
import dev.appliance.export.kubernetes.KubernetesExport;
import dev.appliance.export.swarm.SwarmExport;
import dev.appliance.steps.Installation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance export --swarm DIR | --kubernetes DIR}: the stack and env for an engine of several machines. */
@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Writes the stack (the global --stack) and the active env (or --env FILE) as a Docker Swarm stack"
        + " with deploy.sh, or as Kubernetes manifests with a kustomization.yaml, for an organisation that outgrows"
        + " one machine. DIR/EXPORT-NOTES.md lists every mapping that differs from this machine's. What a target"
        + " cannot express is refused at the stack's FILE:LINE:COLUMN and nothing is written. DIR must be new, empty,"
        + " or an earlier export (replaced whole). Secrets are files of mode 0600 under DIR/secrets.",
        "Exit codes: 0 written, 1 failure, 2 bad input (nothing written)."})
final class ExportCommand extends StepCommand {

  static final class Target {
    @Option(names = "--swarm", paramLabel = "DIR", required = true,
        description = "A Swarm stack (compose format 3.9), its secrets and configs, and deploy.sh.")
    Path swarm;

    @Option(names = "--kubernetes", paramLabel = "DIR", required = true,
        description = "Kubernetes manifests and kustomization.yaml.")
    Path kubernetes;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--env", paramLabel = "FILE", description = "The env to export with (default: the active env).")
  Path env;

  @Option(names = "--node-root", paramLabel = "DIR", defaultValue = "/",
      description = "Swarm: where the data node keeps what this machine keeps under / (/data, /volatile); default: /.")
  Path nodeRoot;

  @Option(names = "--database-size", paramLabel = "SIZE", defaultValue = "10Gi",
      description = "Kubernetes: the PostgreSQL claim's size (default: ${DEFAULT-VALUE}).")
  String databaseSize;

  @Option(names = "--vault-size", paramLabel = "SIZE", defaultValue = "10Gi",
      description = "Kubernetes: the size of each claim for a directory under /data (default: ${DEFAULT-VALUE}).")
  String vaultSize;

  @Override
  int run(Installation installation) throws Exception {
    if (!nodeRoot.isAbsolute()) {
      throw new Cli.BadInputException("--node-root " + nodeRoot + " is a path on the data node: give it from /, as"
          + " --node-root /srv/appliance");
    }
    Exporter exporter = target.swarm != null ? new SwarmExport(nodeRoot) : new KubernetesExport(databaseSize, vaultSize);
    ExportDirectory dir = new ExportDirectory(target.swarm != null ? target.swarm : target.kubernetes);
    dir.check();
    ExportSource source = ExportSource.read(installation.stackFile(), env(installation), installation.httpPort(),
        installation.httpsPort());
    exporter.refuse(source);
    source.refusals().throwIfAny(exporter.target());
    Map<String, Exporter.ExportFile> files = exporter.files(source);
    dir.write(files);
    var out = spec.commandLine().getOut();
    files.keySet().forEach(name -> out.println("wrote " + name));
    out.println("exported for " + exporter.target() + "; read " + ExportDirectory.NOTES + " before you deploy");
    return Cli.OK;
  }

  private EnvConfig env(Installation installation) throws IOException {
    if (env == null) {
      return ActiveEnv.require(installation.root()).config();
    }
    if (!Files.isRegularFile(env)) {
      throw new Cli.BadInputException("there is no env file " + env);
    }
    try {
      return EnvLoader.load(env);
    } catch (InvalidEnvException e) {
      throw new Cli.BadInputException(e.getMessage() + ":\n  " + String.join("\n  ", e.lines())
          + "\nrun env-check " + env + " and fix what it says");
    }
  }
}
