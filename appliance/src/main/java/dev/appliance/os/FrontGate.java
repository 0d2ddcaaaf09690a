package dev.appliance.os;

import dev.appliance.containers.HttpsProbe;
import dev.appliance.envsource.ActiveEnv;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.steps.Installation;
import dev.appliance.tls.ProbeCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The application's health path through the front on this machine, as the supervisor probes it at a start: status
 * 200 over HTTPS, with the probe's client certificate where the front demands one.
 */
final class FrontGate implements ServingCheck {

  private final Installation installation;
  private HttpsProbe probe;

  FrontGate(Installation installation) {
    this.installation = installation;
  }

  private HttpsProbe probe() throws Exception {
    if (probe == null) {
      EnvConfig env = ActiveEnv.require(installation.root()).config();
      probe = new HttpsProbe(installation.httpsPort(), installation.stack(env).appliance().web().healthPath(),
          ProbeCertificate.keyManagers(env, installation.clock().instant()));
    }
    return probe;
  }

  @Override
  public boolean serving() throws Exception {
    return probe().status() == 200;
  }

  @Override
  public Optional<String> awaitServing(Duration budget) throws Exception {
    Instant until = installation.clock().instant().plus(budget);
    int status;
    while ((status = probe().status()) != 200) {
      if (!installation.clock().instant().isBefore(until)) {
        return Optional.of(probe().url() + " gave " + (status < 0 ? "no answer" : "status " + status) + " for "
            + budget.toSeconds() + " s");
      }
      installation.sleeper().sleep(Duration.ofSeconds(1));
    }
    return Optional.empty();
  }
}
