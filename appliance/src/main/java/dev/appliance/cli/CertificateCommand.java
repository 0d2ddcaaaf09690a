package dev.appliance.cli;

import dev.appliance.acme.AcmeSettings;
import dev.appliance.acme.AcmeStatus;
import dev.appliance.acme.CertificateIssuance;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.steps.CertificateRenewal;
import dev.appliance.steps.Installation;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code appliance certificate issue|renew|status}: the server certificate from Let's Encrypt or another ACME CA. */
@Command(name = "certificate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {CertificateCommand.Issue.class, CertificateCommand.Renew.class, CertificateCommand.Status.class},
    description = {"The front's certificate from the ACME CA that appliance/ssl/letsencrypt names: 'issue' orders one"
        + " now, 'renew' (appliance-certificate.timer, daily) orders one when due, 'status' says what is installed."})
final class CertificateCommand extends CommandGroup {

  /** {@code appliance certificate issue}. */
  @Command(name = "issue", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Orders a certificate now, whether or not the current one is due (a new name, a new key type)."
          + " Never past a rate limit or a backoff: then it says until when. Exit codes: 0 issued and served, 1 none"
          + " (refused, waiting, or the front proxy not running), 2 bad input (the env wants no ACME certificate)."})
  static final class Issue extends StepCommand {

    @Option(names = "--no-preflight", description = "Skip the check that every name answers over http from this"
        + " machine (for a network where this machine cannot reach its own public address).")
    boolean noPreflight;

    @Override
    int run(Installation installation) throws Exception {
      // 0 only for a certificate issued and served: a skipped order (the front not running) issued nothing.
      return new CertificateRenewal(installation).run(true, !noPreflight).issued().isPresent() ? Cli.OK : Cli.FAILURE;
    }
  }

  /** {@code appliance certificate renew}: what appliance-certificate.timer runs. */
  @Command(name = "renew", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Re-signs the client-certificate CA's revocation list when half its validity is gone, and orders"
          + " a new server certificate when the installed one is due: the placeholder, a missing name, less"
          + " than a third of its lifetime left, or the CA's renewal information says so. Exit codes: 0 nothing due,"
          + " renewed, or waiting out an earlier failure; 1 the renewal failed (alerted as tls/acme)."})
  static final class Renew extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      Optional<CertificateIssuance.Failure> failure = new CertificateRenewal(installation).run(false, true).failure();
      return failure.filter(f -> f.kind() != CertificateIssuance.Failure.Kind.WAITING).isEmpty() ? Cli.OK : Cli.FAILURE;
    }
  }

  /** {@code appliance certificate status}. */
  @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Shows the installed certificate, the ACME CA and account, the last order and whether renewal is due."})
  static final class Status extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      if (!installation.hasActiveEnv()) {
        throw new Cli.BadInputException("there is no active env to read appliance/ssl from (or it cannot be read);"
            + " run: appliance prepare-env");
      }
      Optional<AcmeSettings> settings = AcmeSettings.of(ActiveEnv.require(installation.root()).config());
      var out = top().spec.commandLine().getOut();
      AcmeStatus.lines(installation.root(), settings, installation.clock().instant()).forEach(out::println);
      return Cli.OK;
    }
  }
}
