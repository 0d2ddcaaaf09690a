package dev.appliance.export.kubernetes;

import dev.appliance.export.ExportSource;
import dev.appliance.export.Refusals;
import dev.appliance.export.kubernetes.DataClaims.Claim;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Restart;
import dev.appliance.stack.Stack.Service;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What of a stack these manifests cannot express, refused where stack.yml says it. */
final class KubernetesRefusals {

  // A Service's and a namespace's name: a DNS label (RFC 1035).
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

  private KubernetesRefusals() {}

  static void check(ExportSource source, Set<String> fileNames) {
    Refusals refusals = source.refusals();
    if (!DNS_LABEL.matcher(source.stack().name()).matches()) {
      refusals.at("name", "'" + source.stack().name() + "' is no Kubernetes namespace name, which the stack's name"
          + " becomes", "name the stack with lower-case letters, digits and '-' (name: " + "my-app)");
    }
    for (Service service : DataClaims.exported(source)) {
      String path = "services/" + service.name();
      if (!DNS_LABEL.matcher(service.name()).matches()) {
        refusals.at(path, "'" + service.name() + "' is no Kubernetes Service name, which the other services reach it"
            + " by", "rename it with lower-case letters, digits and '-', and the host names that point to it");
      } else if (fileNames.contains(Manifests.fileOf(service))) {
        refusals.at(path, "is named like the export's own file " + Manifests.fileOf(service), "rename the service");
      }
      if (!UserIds.expressible(service)) {
        refusals.at(path + "/user", "'" + service.user().orElseThrow() + "' is a name, and runAsUser takes numbers",
            "write the numeric ids the image gives the user, like user: \"1000:1000\"");
      }
      if (service.restart() == Restart.NO || service.restart() == Restart.ON_FAILURE) {
        refusals.at(path + "/restart", "a Deployment restarts its pods whatever the way they stop",
            "write restart: unless-stopped, or run a one-off task as x-appliance/migrate");
      }
      for (int i = 0; i < service.tmpfs().size(); i++) {
        if (service.tmpfs().get(i).contains(":")) {
          refusals.at(path + "/tmpfs/" + i, "has options, which an emptyDir in memory does not take",
              "write the path alone");
        }
      }
      refuseMounts(source, service, path);
    }
    for (ServicePorts.Reference reference : ServicePorts.of(source).unported()) {
      refusals.at("services/" + reference.service() + "/environment/" + reference.key(), "names the service "
          + reference.target() + " without a port, so its Kubernetes Service would open none", "write the port: "
          + reference.target() + ":PORT");
    }
  }

  private static void refuseMounts(ExportSource source, Service service, String path) {
    DataClaims claims = DataClaims.of(source);
    List<BindMount> mounts = ExportSource.dataMounts(service);
    for (int i = 0; i < service.volumes().size(); i++) {
      BindMount mount = service.volumes().get(i);
      if (!mounts.contains(mount)) {
        continue;
      }
      Claim claim = claims.of(mount);
      String at = path + "/volumes/" + i;
      if (claim.kind() == DataClaims.Kind.VOLATILE && claim.users().size() > 1) {
        source.refusals().at(at, mount.host() + " is shared with " + others(claim, service) + ", and each pod's"
            + " emptyDir is its own", "keep what several services share under /data, which becomes a claim");
      }
      if ((claim.persistent() && claim.name().equals(Workloads.DUMPS)) || claims.claims().values().stream()
          .anyMatch(c -> !c.equals(claim) && c.name().equals(claim.name()))) {
        source.refusals().at(at, mount.host() + " would be the volume " + claim.name() + ", whose name another"
            + " directory or the database dumps take", "rename the directory");
      }
      for (Claim other : claims.claims().values()) {
        if (!other.equals(claim) && (mount.host() + "/").startsWith(other.host() + "/")) {
          source.refusals().at(at, mount.host() + " lies inside " + other.host() + ", which "
              + String.join(", ", other.users()) + " bind(s): two claims cannot share files", "bind " + other.host()
              + " itself, or directories beside it");
        }
      }
    }
  }

  private static String others(Claim claim, Service service) {
    return String.join(", ", claim.users().stream().filter(u -> !u.equals(service.name())).toList());
  }
}
