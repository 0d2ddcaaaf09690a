package dev.appliance.cli;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.cli.VersionProvider;
import dev.appliance.env.model.Secret;
import dev.appliance.steps.ClientCertificates;
import dev.appliance.steps.Installation;
import dev.appliance.tls.IssuedCertificate;
import dev.appliance.tls.Passphrase;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code appliance client-cert issue|list|revoke|refresh-crl}: the users' client certificates. */
@Command(name = "client-cert", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    subcommands = {ClientCertCommand.Issue.class, ClientCertCommand.ListCertificates.class,
        ClientCertCommand.Revoke.class, ClientCertCommand.RefreshCrl.class},
    description = {"Client certificates for the application's users, signed by the env's client CA"
        + " (appliance/ssl/client_ca), with their index and CRL in /data/ca. See docs/client-certificates.md."})
final class ClientCertCommand extends CommandGroup {

  /** {@code appliance client-cert issue NAME}. */
  @Command(name = "issue", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Issues a certificate for NAME (a new EC P-256 key) as a PKCS#12 file (0600) with the CA's"
          + " certificate. Its passphrase is generated and printed once, or read from --passphrase-file."})
  static final class Issue extends StepCommand {

    @Parameters(paramLabel = "NAME", description = "Who it is for: the certificate's CN.")
    String name;

    @Option(names = "--email", paramLabel = "E", description = "The user's e-mail address, in the subject and as its alternative name.")
    Optional<String> email;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Valid for N days (default: 365).")
    int days;

    @Option(names = "--out", paramLabel = "FILE", description = "The PKCS#12 file to write, which must not exist"
        + " (default: NAME.p12 in the current directory, spaces as _).")
    Optional<Path> out;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Protect the file with the passphrase on"
        + " FILE's first line (8 characters or more) instead of a generated one.")
    Optional<Path> passphraseFile;

    @Override
    int run(Installation installation) throws Exception {
      Path file = out.orElse(Path.of(name.replace(' ', '_') + ".p12"));
      Secret passphrase = passphraseFile.map(Passphrase::read).orElseGet(() -> Passphrase.generate(new SecureRandom()));
      IssuedCertificate issued = new ClientCertificates(installation).issue(name, email, days, file, passphrase);
      PrintWriter stdout = top().spec.commandLine().getOut();
      stdout.println("issued " + issued.subject() + ", serial " + issued.serial() + ", valid until " + issued.notAfter());
      stdout.println("written: " + file.toAbsolutePath());
      if (passphraseFile.isEmpty()) {
        stdout.println("passphrase (shown only now; give it to the user apart from the file): " + passphrase.reveal());
      }
      stdout.flush();
      return Cli.OK;
    }
  }

  /** {@code appliance client-cert list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = "Shows every certificate issued: serial, subject, expiry and revocation.")
  static final class ListCertificates extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      List<IssuedCertificate> all = new ClientCertificates(installation).list();
      PrintWriter stdout = top().spec.commandLine().getOut();
      if (all.isEmpty()) {
        stdout.println("no client certificate issued yet; issue one with: appliance client-cert issue NAME");
      } else {
        Instant now = installation.clock().instant();
        int serial = all.stream().mapToInt(c -> c.serial().length()).max().orElse(0);
        int subject = all.stream().mapToInt(c -> c.subject().length()).max().orElse(0);
        String row = "%-" + serial + "s  %-" + subject + "s  %-20s  %s%n";
        stdout.printf(row, "SERIAL", "SUBJECT", "EXPIRES", "REVOKED");
        for (IssuedCertificate c : all) {
          stdout.printf(row, c.serial(), c.subject(), day(c.notAfter()) + (c.expired(now) ? " (expired)" : ""),
              c.revokedAt().map(ClientCertCommand::day).orElse("-"));
        }
      }
      stdout.flush();
      return Cli.OK;
    }
  }

  /** {@code appliance client-cert revoke SERIAL|NAME}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Revokes the certificate with SERIAL, or every certificate issued for NAME, re-signs the CRL and"
          + " has the running front load it.", "Exit codes: 0 revoked (and loaded, or the front is not running),"
          + " 1 the front did not reload, 2 no such certificate."})
  static final class Revoke extends StepCommand {

    @Parameters(paramLabel = "SERIAL|NAME", description = "A serial as list shows it, or a NAME given to issue.")
    String which;

    @Override
    int run(Installation installation) throws Exception {
      ClientCertificates.Revocation revocation = new ClientCertificates(installation).revoke(which);
      for (IssuedCertificate c : revocation.matching()) {
        boolean now = revocation.revokedNow().stream().anyMatch(r -> r.serial().equals(c.serial()));
        installation.log().accept((now ? "revoked: " : "revoked already on " + day(c.revokedAt().orElseThrow()) + ": ")
            + c.serial() + " " + c.subject());
      }
      return revocation.frontLoaded() ? Cli.OK : Cli.FAILURE;
    }
  }

  /** {@code appliance client-cert refresh-crl}: what 'appliance certificate renew' (appliance-certificate.timer, daily) does too. */
  @Command(name = "refresh-crl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Re-signs the CRL when less than half of its 30 days are left (nginx refuses every client"
          + " certificate once it expired), and has the running front load it. Does nothing when it is not due, or"
          + " without a client CA in the env."})
  static final class RefreshCrl extends StepCommand {

    @Override
    int run(Installation installation) throws Exception {
      return new ClientCertificates(installation).refreshCrl() ? Cli.OK : Cli.FAILURE;
    }
  }

  private static String day(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
