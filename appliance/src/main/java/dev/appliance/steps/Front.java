package dev.appliance.steps;

import dev.appliance.containers.StackContainers;
import dev.appliance.env.cli.Cli;
import dev.appliance.proxy.FrontProxy;
import dev.appliance.stack.Stack;
import java.util.Map;

/**
 * The front proxy as prepare-appliance's steps share it: its image made present on first use (loaded, built or
 * pulled), its containers and its site.
 */
final class Front {

  private final Installation installation;
  private final Stack stack;
  private final String service;
  private StackContainers containers;

  Front(Installation installation, Stack stack, String service) {
    this.installation = installation;
    this.stack = stack;
    this.service = service;
  }

  /** The stack's front proxy, or bad input when the stack names none. */
  static Front of(Installation installation, Stack stack) {
    String proxy = stack.appliance().proxy().orElseThrow(() -> new Cli.BadInputException(
        "the stack names no front proxy; add x-appliance/proxy: SERVICE"));
    return new Front(installation, stack, proxy);
  }

  /** Whether the front's container runs now. */
  boolean running() throws Exception {
    var front = containers().inspect(service);
    return front.isPresent() && front.get().running();
  }

  /** Where the front's plain HTTP (the ACME challenge) answers on this machine. */
  int httpPort() {
    return installation.httpPort();
  }

  String service() {
    return service;
  }

  StackContainers containers() throws Exception {
    if (containers == null) {
      Map<String, String> ids = installation.images().ensure(stack, stack.services().get(service), installation.stackDir());
      containers = new StackContainers(installation.engine(), stack, installation.root(), ids, installation.clock(),
          installation.sleeper(), installation.log());
    }
    return containers;
  }

  FrontProxy proxy() throws Exception {
    return new FrontProxy(containers(), installation.root(), installation.log());
  }
}
