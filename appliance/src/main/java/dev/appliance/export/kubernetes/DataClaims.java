package dev.appliance.export.kubernetes;

import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each directory the services bind from the data node becomes, since a cluster has no data node: a claim
 * under /data (the database's from its StatefulSet's template, one shared by several services ReadWriteMany), and
 * an emptyDir under /volatile, whose contents this machine may lose too.
 *
 * @param claims by host directory, in the order the services bind them
 */
record DataClaims(Map<String, Claim> claims) {

  /** How a directory is held. */
  enum Kind {
    /** The database's own, one per StatefulSet pod, sized with --database-size. */
    DATABASE,
    /** Bound by several services: one ReadWriteMany claim, sized with --vault-size. */
    SHARED,
    /** Bound by one service other than the database: a ReadWriteOnce claim, sized with --vault-size. */
    SINGLE,
    /** Under /volatile: an emptyDir of the pod's own. */
    VOLATILE
  }

  /**
   * A directory and what holds it.
   *
   * @param name the volume's (and claim's) name, from the path: {@code /data/vault} is {@code vault}
   * @param users the services that bind it, in file order
   */
  record Claim(String host, String name, Kind kind, List<String> users) {

    boolean persistent() {
      return kind != Kind.VOLATILE;
    }
  }

  static DataClaims of(ExportSource source) {
    Map<String, Set<String>> users = new LinkedHashMap<>();
    for (Service service : exported(source)) {
      ExportSource.dataMounts(service).forEach(m -> users.computeIfAbsent(m.host(), h -> new LinkedHashSet<>())
          .add(service.name()));
    }
    Optional<String> database = source.stack().appliance().database();
    Map<String, Claim> claims = new LinkedHashMap<>();
    users.forEach((host, services) -> {
      Kind kind;
      if (host.startsWith("/volatile/")) {
        kind = Kind.VOLATILE;
      } else if (services.size() > 1) {
        kind = Kind.SHARED;
      } else {
        kind = database.equals(Optional.of(services.iterator().next())) ? Kind.DATABASE : Kind.SINGLE;
      }
      claims.put(host, new Claim(host, name(host), kind, List.copyOf(services)));
    });
    return new DataClaims(claims);
  }

  /** The services the export writes: all but the front proxy, which the Ingress replaces. */
  static List<Service> exported(ExportSource source) {
    return source.stack().services().values().stream().filter(s -> !source.isProxy(s)).toList();
  }

  private static String name(String host) {
    String path = host.startsWith("/data/") ? host.substring("/data/".length()) : host.substring(1);
    return path.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  /** The claim of {@code mount}'s directory. */
  Claim of(BindMount mount) {
    return claims.get(mount.host());
  }

  /** The claims of one kind, in order. */
  List<Claim> ofKind(Kind kind) {
    return new ArrayList<>(claims.values().stream().filter(c -> c.kind() == kind).toList());
  }
}
