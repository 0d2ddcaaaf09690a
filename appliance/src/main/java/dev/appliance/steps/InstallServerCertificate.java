package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.tls.ServerCertificate;
import java.util.Locale;
import java.util.Optional;

/** The front's key and certificate: the env's own, else a valid one in place, else a self-signed placeholder. */
final class InstallServerCertificate implements Step {

  private final EnvConfig env;
  private final Front front;

  InstallServerCertificate(EnvConfig env, Front front) {
    this.env = env;
    this.front = front;
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
    // A running front keeps the old certificate until it rereads it.
    front.reloadIfRunning();
  }
}
