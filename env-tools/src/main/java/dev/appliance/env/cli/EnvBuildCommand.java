package dev.appliance.env.cli;

import dev.appliance.env.build.EnvBuild;
import dev.appliance.env.build.pgp.Recipients.RecipientsException;
import dev.appliance.env.build.qr.QrFrames.TooLargeException;
import dev.appliance.env.model.InvalidEnvException;
import dev.appliance.env.process.ProcessRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code env-build ENV}: the recovery sheet, the cloud-init seed ISO and, for given recipients, the encrypted package. */
@Command(name = "env-build", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    usageHelpAutoWidth = true,
    description = {"Builds from a valid env.yml: env.yml.pdf (the printable recovery sheet: text and QR codes),"
        + " env-cidata.iso (the cloud-init NoCloud seed) and, with --recipients, DOMAIN.env.DATE.tar.gz.gpg (all three,"
        + " encrypted with OpenPGP to every key given). Files are written with mode 0600.", "",
        "Exit codes: 0 built, 2 bad input (invalid env, unusable recipients, env too large), 1 failure."})
public final class EnvBuildCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "ENV", description = "The env.yml to build from.")
  Path env;

  @Option(names = "--recipients", paramLabel = "KEYS.asc", description = "OpenPGP public keys to encrypt the package to.")
  Path recipients;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for the outputs (default: the env's directory).")
  Path out;

  @Option(names = "--encrypted-only", description = "Leave only the encrypted package: the clear PDF and ISO never reach"
      + " the disk (the ISO's inputs are staged in /dev/shm, then wiped).")
  boolean encryptedOnly;

  private final Clock clock;
  private final ProcessRunner runner;

  public EnvBuildCommand() {
    this(Clock.systemUTC(), new ProcessRunner());
  }

  EnvBuildCommand(Clock clock, ProcessRunner runner) {
    this.clock = clock;
    this.runner = runner;
  }

  public static void main(String... args) {
    Cli.main(new EnvBuildCommand(), args);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (!Files.isRegularFile(env) || !Files.isReadable(env)) {
      throw new Cli.BadInputException("cannot read " + env + (Files.exists(env) ? "" : ": no such file"));
    }
    if (encryptedOnly && recipients == null) {
      throw new Cli.BadInputException("--encrypted-only needs --recipients KEYS.asc: there would be nothing to keep");
    }
    Path dir = out != null ? out : env.toAbsolutePath().getParent();
    EnvBuild build = new EnvBuild(runner, line -> stdout.println("env-build: " + line));
    List<Path> written;
    try {
      written = build.run(new EnvBuild.Options(env, Optional.ofNullable(recipients), dir, encryptedOnly), clock.instant());
    } catch (InvalidEnvException e) {
      e.lines().forEach(stdout::println);
      throw new Cli.BadInputException(env + " is not a valid env; nothing was built. Fix the problems above.");
    } catch (RecipientsException | TooLargeException e) {
      throw new Cli.BadInputException(e.getMessage() + "; nothing was built");
    }
    written.forEach(path -> stdout.println("env-build: wrote " + path + " (mode 0600)"));
    if (!encryptedOnly) {
      stderr.println("env-build: " + EnvBuild.PDF + " and " + EnvBuild.ISO + " hold every secret in the clear: print the"
          + " sheet, store it locked away, and delete the files once they are no longer needed (or use --encrypted-only).");
    }
    return Cli.OK;
  }
}
