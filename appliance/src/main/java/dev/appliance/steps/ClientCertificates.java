package dev.appliance.steps;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.files.SecretFiles;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.proxy.FrontProxy;
import dev.appliance.stack.Stack;
import dev.appliance.tls.ClientCa;
import dev.appliance.tls.ClientCaFiles;
import dev.appliance.tls.IssuedCertificate;
import dev.appliance.tls.IssuedCertificates;
import dev.appliance.tls.NewClientCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code appliance client-cert}: the users' certificates, signed by the env's client CA, their index and the CRL in
 * {@code /data/ca}. What writes the index or the CRL holds the appliance's lock, so that two revocations cannot lose
 * one another; a new CRL is loaded by the running front at once (a front that is not running loads it when it starts).
 */
public final class ClientCertificates {

  /** How long a command waits for the lock while another (prepare-app, a starting supervisor) holds it. */
  static final Duration LOCK_PATIENCE = Duration.ofMinutes(2);
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._@+'-]{0,63}");
  // ASCII only: the address goes into the certificate as an IA5String (7-bit), which holds nothing else.
  private static final Pattern EMAIL = Pattern.compile("[!-~&&[^@,;<>\"]]+@[!-~&&[^@,;<>\"]]+\\.[!-~&&[^@,;<>\"]]+");
  private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]+(:[0-9A-Fa-f]+)*");

  private final Installation installation;

  public ClientCertificates(Installation installation) {
    this.installation = installation;
  }

  /** Issues a certificate for {@code name} into the PKCS#12 file {@code out}, which must not exist. */
  public IssuedCertificate issue(String name, Optional<String> email, int days, Path out, Secret passphrase)
      throws Exception {
    if (!NAME.matcher(name).matches()) {
      throw new Cli.BadInputException("'" + name + "' is not a name for a certificate; give 1 to 64 letters, digits,"
          + " spaces or . _ @ + ' - (starting with a letter or digit)");
    }
    if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
      throw new Cli.BadInputException("--email " + email.get() + " is not an e-mail address in ASCII; give one like name@example.org (a domain with other letters in its xn-- form)");
    }
    ClientCa ca = requireCa("issue certificates");
    Instant now = installation.clock().instant();
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    if (days < 1 || now.plus(Duration.ofDays(days)).isAfter(caEnd)) {
      throw new Cli.BadInputException("--days " + days + ": give 1 to " + Math.max(1, Duration.between(now, caEnd).toDays())
          + " (a certificate ends before the client CA does, on " + caEnd + ")");
    }
    if (Files.exists(out)) {
      throw new Cli.BadInputException(out + " exists already; give another file with --out FILE, or remove that one");
    }
    installation.await(ApplianceLock.EXCLUSIVE, "client-cert issue", LOCK_PATIENCE);
    NewClientCertificate made = NewClientCertificate.issue(ca, name, email, Duration.ofDays(days), now, new SecureRandom());
    // Indexed first: a certificate that exists must be revocable by its name, even if writing the file fails.
    new IssuedCertificates(installation.root()).add(made.entry());
    SecretFiles.writeNew(out, made.pkcs12(ca, passphrase));
    return made.entry();
  }

  /** Every certificate issued, oldest first. */
  public List<IssuedCertificate> list() throws IOException {
    return new IssuedCertificates(installation.root()).all();
  }

  /** The outcome of a revocation: the certificates that match, and whether the running front loaded the new CRL. */
  public record Revocation(List<IssuedCertificate> matching, List<IssuedCertificate> revokedNow, boolean frontLoaded) {}

  /**
   * Revokes the certificate with the serial {@code serialOrName}, else every certificate issued for that name, and
   * re-signs the CRL.
   */
  public Revocation revoke(String serialOrName) throws Exception {
    ClientCa ca = requireCa("revoke certificates");
    installation.await(ApplianceLock.EXCLUSIVE, "client-cert revoke", LOCK_PATIENCE);
    IssuedCertificates index = new IssuedCertificates(installation.root());
    List<IssuedCertificate> all = index.all();
    Optional<BigInteger> serial = SERIAL.matcher(serialOrName).matches()
        ? Optional.of(new BigInteger(serialOrName.replace(":", ""), 16)) : Optional.empty();
    List<IssuedCertificate> matching = all.stream().filter(c -> serial.map(c.serialNumber()::equals).orElse(false)).toList();
    if (matching.isEmpty()) {
      matching = all.stream().filter(c -> c.name().equals(serialOrName)).toList();
    }
    if (matching.isEmpty()) {
      throw new Cli.BadInputException("no client certificate has the serial or the name '" + serialOrName
          + "'; see them with: appliance client-cert list");
    }
    Instant now = installation.clock().instant();
    List<IssuedCertificate> revokedNow = matching.stream().filter(c -> !c.revoked()).map(c -> c.withRevokedAt(now)).toList();
    index.update(revokedNow);
    // The CA's certificate too, so that the front never gets a CRL from another CA than the one it checks against.
    new ClientCaFiles(installation.root()).prepare(ca, now);
    return new Revocation(matching, revokedNow, reloadFront());
  }

  /**
   * Re-signs the CRL when it is due (see {@link ClientCaFiles#current}); nothing without a client CA.
   *
   * @return whether the CRL is in place and loaded (or will be when the front starts)
   */
  public boolean refreshCrl() throws Exception {
    Optional<ClientCa> ca = ca();
    ClientCaFiles files = new ClientCaFiles(installation.root());
    if (ca.isEmpty()) {
      installation.log().accept("client CRL: the active env has no client CA (appliance/ssl/client_ca); nothing to do");
      return true;
    }
    if (!files.current(ca.get(), installation.clock().instant())) {
      installation.await(ApplianceLock.EXCLUSIVE, "client-cert refresh-crl", LOCK_PATIENCE);
      files.prepare(ca.get(), installation.clock().instant());
      installation.log().accept("client CRL re-signed: " + files.crlFile());
      if (!reloadFront()) {
        return false;
      }
    }
    var crl = files.crl(ca.get().certificate()).orElseThrow();
    installation.log().accept("client CRL: " + crl.serials().size() + " revoked, valid until "
        + crl.nextUpdate().map(Instant::toString).orElse("ever") + crl.renewFrom().map(r -> ", re-signed from " + r).orElse(""));
    return true;
  }

  private Optional<ClientCa> ca() throws IOException {
    Optional<EnvConfig.KeyAndCertificate> ca = ActiveEnv.require(installation.root()).config().appliance().ssl().clientCa();
    try {
      return ca.isEmpty() ? Optional.empty() : Optional.of(ClientCa.of(ca.get()));
    } catch (ClientCa.UnusableCaException e) {
      throw new Cli.BadInputException(e.getMessage());
    }
  }

  private ClientCa requireCa(String purpose) throws IOException {
    return ca().orElseThrow(() -> new Cli.BadInputException("the active env has no client CA (appliance/ssl/client_ca)"
        + " to " + purpose + " with; add one (env-new writes it), then run: appliance prepare-env"));
  }

  /** Has the running front load the CA files; whether it did, or is not running (and loads them when it starts). */
  private boolean reloadFront() {
    try {
      Stack shape = installation.stackShape();
      Optional<String> service = shape.appliance().proxy();
      var containers = installation.containers(shape, Map.of());
      if (service.isEmpty() || !containers.running(service.get())) {
        installation.log().accept("the front proxy is not running; it loads the new CRL when it starts");
        return true;
      }
      return ReloadFront.reload(installation, new FrontProxy(containers, installation.root(), installation.log()));
    } catch (IOException | RuntimeException e) {
      installation.log().accept("the front proxy was not reloaded (" + e.getMessage() + "); the CRL is written, and the"
          + " front loads it with: appliance prepare-appliance");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
