package dev.appliance.steps;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.tls.ClientCa;
import dev.appliance.tls.ClientCaFiles;
import java.util.Optional;

/**
 * The client-certificate CA and its revocation list, which the front checks client certificates against: the CRL is
 * re-signed from the index of issued certificates when it is missing, from another CA, or due (see ClientCaFiles).
 */
final class InstallClientCa implements Step {

  private final EnvConfig env;

  InstallClientCa(EnvConfig env) {
    this.env = env;
  }

  @Override
  public String name() {
    return "client-certificate CA";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    var ca = env.appliance().ssl().clientCa();
    if (ca.isEmpty()) {
      return Optional.of("not wanted (the env has no client CA)");
    }
    return new ClientCaFiles(context.root()).current(ca.get(), context.clock().instant())
        ? Optional.of("in place with a current revocation list") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    new ClientCaFiles(context.root()).prepare(ClientCa.of(env.appliance().ssl().clientCa().get()), context.clock().instant());
  }
}
