package dev.appliance.steps;

import dev.appliance.acme.CertificateIssuance;
import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.stack.Stack;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code appliance certificate issue|renew}: the certificate from the ACME CA, under the appliance's one lock
 * (prepare-appliance writes the same files), then the front reloaded (never restarted) when it changed.
 */
public final class CertificateRenewal {

  /** How long a renewal waits for a prepare, a backup or an update to let go of the lock. */
  static final Duration PATIENCE = Duration.ofMinutes(2);

  private final Installation installation;

  public CertificateRenewal(Installation installation) {
    this.installation = installation;
  }

  /**
   * Orders a certificate when it is due, or at once with {@code evenIfNotDue}.
   *
   * @return why no certificate came, when one was ordered and none came
   */
  public Optional<CertificateIssuance.Failure> run(boolean evenIfNotDue, boolean preflight) throws Exception {
    EnvConfig env = ActiveEnv.require(installation.root()).config();
    Stack stack = installation.stack(env);
    String proxy = stack.appliance().proxy().orElseThrow(() -> new Cli.BadInputException(
        "the stack names no front proxy; add x-appliance/proxy: SERVICE"));
    Front front = new Front(installation, stack, proxy);
    installation.await(ApplianceLock.EXCLUSIVE, "certificate", PATIENCE);
    ObtainCertificate obtain = new ObtainCertificate(env, front, evenIfNotDue, preflight);
    new Recipe("certificate", List.of(obtain, new ReloadFront(front))).run(installation);
    return obtain.failure();
  }
}
