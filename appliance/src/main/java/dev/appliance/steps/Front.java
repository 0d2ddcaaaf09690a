package dev.appliance.steps;

import dev.appliance.containers.StackContainers;
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
