package dev.appliance.export.swarm;

import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.PortBinding;
import dev.appliance.stack.Stack.Service;
import java.util.List;

/** What a stack the appliance runs says that a Swarm stack cannot: each refused where stack.yml says it. */
final class SwarmRefusals {

  /** The least memory Swarm lets a task have. */
  static final long MIN_MEMORY = 4L << 20;

  private SwarmRefusals() {}

  static void check(ExportSource source) {
    for (Service service : source.stack().services().values()) {
      String path = "services/" + service.name();
      if (source.isProxy(service)) {
        refusePortAddresses(source, service, path);
      }
      boolean secrets = source.environments().get(service.name()).values().stream().anyMatch(EnvValue.Secret.class::isInstance);
      if (secrets && service.user().filter(u -> !ServiceOwner.numeric(u)).isPresent()) {
        source.refusals().at(path + "/user", "is a name, but Swarm gives the service's secret files a numeric owner",
            "write the user as UID:GID (as in the image's /etc/passwd)");
      }
      if (service.memLimitBytes().filter(bytes -> bytes < MIN_MEMORY).isPresent()) {
        source.refusals().at(path + "/mem_limit", "is below the 4m Swarm lets a task have", "give 4m or more");
      }
      source.stack().appliance().migrate().filter(m -> m.service().equals(service.name()))
          .flatMap(m -> service.entrypoint()).filter(SwarmRefusals::notOneWordEach)
          .ifPresent(e -> source.refusals().at(path + "/entrypoint", "has an item with a space or quote, which the"
              + " migration job's 'docker service create --entrypoint' would split", "give an entrypoint of plain words"));
    }
  }

  /** Swarm's host mode opens a published port on all the node's addresses: it has no field for one address. */
  private static void refusePortAddresses(ExportSource source, Service front, String path) {
    List<PortBinding> ports = front.ports();
    for (int i = 0; i < ports.size(); i++) {
      String address = ports.get(i).hostIp();
      if (!address.isEmpty() && !address.equals("0.0.0.0") && !address.equals("::")) {
        source.refusals().at(path + "/ports/" + i, "publishes on the address " + address + ", but a Swarm service"
            + " publishes on all the addresses of its node", "remove the address (and let a firewall in front of the"
            + " data node keep the others closed)");
      }
    }
  }

  private static boolean notOneWordEach(List<String> words) {
    return words.stream().anyMatch(w -> w.isEmpty() || w.matches(".*[\\s'\"\\\\].*"));
  }
}
