package dev.appliance.export.swarm;

import dev.appliance.stack.Stack.Service;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The numeric user and group of a service, which own the secret files Swarm puts in its containers. */
record ServiceOwner(Optional<String> uid, Optional<String> gid) {

  /** Whether {@code user} is numeric ({@code UID} or {@code UID:GID}), as Swarm's secret owners must be. */
  static boolean numeric(String user) {
    return user.matches("[0-9]+(:[0-9]+)?");
  }

  /** The owner of {@code service}'s secrets: its numeric user, or root when it has none. */
  static ServiceOwner of(Service service) {
    Optional<String> user = service.user().filter(ServiceOwner::numeric);
    return new ServiceOwner(user.map(u -> u.replaceFirst(":.*", "")),
        user.filter(u -> u.contains(":")).map(u -> u.substring(u.indexOf(':') + 1)));
  }

  /** The uid and gid entries of a secret of the long syntax, as the compose file takes them (strings). */
  Map<String, Object> entries() {
    Map<String, Object> entries = new LinkedHashMap<>();
    uid.ifPresent(u -> entries.put("uid", u));
    gid.ifPresent(g -> entries.put("gid", g));
    return entries;
  }
}
