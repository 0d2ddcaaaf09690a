package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.tls.ServerCertificate;
import java.util.Locale;
import java.util.Optional;

/** The front's key and certificate: the env's own, else a valid one in place, else a self-signed placeholder. */
final class InstallServerCertificate implements Step {

  private final EnvConfig env;

  InstallServerCertificate(EnvConfig env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "server certificate";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    return new ServerCertificate(context.root()).inPlace(env, context.clock().instant());
  }

  @Override
  public void apply(StepContext context) throws Exception {
    ServerCertificate.Origin origin = new ServerCertificate(context.root()).prepare(env, context.clock().instant());
    context.log().accept("server certificate: " + origin.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
