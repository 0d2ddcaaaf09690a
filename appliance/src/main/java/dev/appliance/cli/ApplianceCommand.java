package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.host.HostRoot;
import dev.appliance.docker.DockerEngine;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.steps.Installation;
import dev.appliance.steps.StackChoice;
import dev.appliance.time.Sleeper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code appliance}: runs and supervises the application on this machine. */
@Command(name = "appliance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {PrepareEnvCommand.class, PrepareApplianceCommand.class, PrepareAppCommand.class, RunCommand.class,
        UpCommand.class, StopCommand.class, CleanupCommand.class, FailedCommand.class, ClearFailedCommand.class,
        MaintenanceCommand.class, StatusCommand.class, AlertCommand.class, CertificateCommand.class,
        ClientCertCommand.class, BackupCommand.class, RestoreCommand.class, RestoreDrillCommand.class,
        UpdateCommand.class, RollbackCommand.class, ImagesCommand.class, StackCommand.class, StorageCommand.class,
        SshLoginsCommand.class, ExportCommand.class},
    usageHelpAutoWidth = true,
    description = {"Runs and supervises a containerised application on this machine, one subcommand per systemd unit.",
        "Global options go before the subcommand: appliance --root DIR status", "",
        "Exit codes: 0 ok, 1 failure, 2 bad input."})
public final class ApplianceCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  Path root;

  @Option(names = "--stack", paramLabel = "FILE", defaultValue = "${env:APPLIANCE_STACK}",
      description = "The stack file (default: $APPLIANCE_STACK, else the one the root was prepared with, else"
          + " /opt/appliance/containers/stack.yml).")
  Path stack;

  @Option(names = "--images", paramLabel = "FILE",
      defaultValue = "${env:APPLIANCE_IMAGES:-/opt/appliance/images/stack-images.tar}",
      description = "The image archive baked into this machine (appliance images save); a missing image is loaded from"
          + " it before it is built or pulled (default: $APPLIANCE_IMAGES, else /opt/appliance/images/stack-images.tar).")
  Path images;

  int httpPort;
  int httpsPort;
  long minimumFreeMib;

  // The global options are checked as they are parsed, so that no subcommand runs with one that is wrong.

  @Option(names = "--root", paramLabel = "DIR", defaultValue = "${env:APPLIANCE_ROOT:-/}",
      description = "Resolve every host path (/data, /run, /app ...) under DIR (default: /, or $APPLIANCE_ROOT).")
  void root(Path dir) {
    // A root that does not exist yet is made by the steps (a test root, run-local's first run).
    if (dir.toString().isEmpty()) {
      throw new ParameterException(spec.commandLine(), "--root is empty; give the directory that holds the appliance's"
          + " /data, /run and /app (default: /)");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new ParameterException(spec.commandLine(), "--root " + dir
          + ": not a directory; give the directory that holds the appliance's /data, /run and /app (default: /)");
    }
    root = dir;
  }

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:APPLIANCE_HTTP_PORT:-80}",
      description = "The port the front proxy publishes HTTP on (default: 80, or $APPLIANCE_HTTP_PORT).")
  void httpPort(int port) {
    httpPort = port("--http-port", port);
  }

  @Option(names = "--https-port", paramLabel = "PORT", defaultValue = "${env:APPLIANCE_HTTPS_PORT:-443}",
      description = "The port the front proxy publishes HTTPS on (default: 443, or $APPLIANCE_HTTPS_PORT).")
  void httpsPort(int port) {
    httpsPort = port("--https-port", port);
  }

  @Option(names = "--min-free", paramLabel = "MIB", defaultValue = "${env:APPLIANCE_MIN_FREE_MIB:-1024}",
      description = "Refuse to start with less than MIB MiB free on /data or /volatile (default: 1024).")
  void minimumFreeMib(long mib) {
    if (mib < 0) {
      throw new ParameterException(spec.commandLine(), "--min-free " + mib + ": give a number of MiB, 0 or more");
    }
    minimumFreeMib = mib;
  }

  private int port(String option, int port) {
    if (port < 1 || port > 65535) {
      throw new ParameterException(spec.commandLine(), option + " " + port + ": not a TCP port; give one from 1 to 65535");
    }
    return port;
  }

  public static void main(String... args) {
    Cli.main(new ApplianceCommand(), args);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return Cli.BAD_INPUT;
  }

  public HostRoot hostRoot() {
    return new HostRoot(root);
  }

  private void requireDistinctPorts() {
    if (httpPort == httpsPort) {
      throw new Cli.BadInputException("--http-port and --https-port are both " + httpPort + "; give two different ports");
    }
  }

  /** The stack file: the one given, else the root's own (see {@link StackChoice}). */
  Path stackFile() throws IOException {
    return StackChoice.of(hostRoot(), Optional.ofNullable(stack));
  }

  /** This machine's appliance, logging plain lines to standard output (the journal, under systemd). */
  Installation installation() throws IOException {
    requireDistinctPorts();
    PrintWriter out = spec.commandLine().getOut();
    return new Installation(hostRoot(),
        new Installation.Settings(stackFile(), images, httpPort, httpsPort, minimumFreeMib),
        new ProcessRunner(), Clock.systemUTC(), Sleeper.real(), line -> {
          out.println(line);
          out.flush();
        }, DockerEngine::connect);
  }
}
