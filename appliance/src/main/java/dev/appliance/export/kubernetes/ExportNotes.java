package dev.appliance.export.kubernetes;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.export.ExportSource;
import dev.appliance.export.kubernetes.DataClaims.Claim;
import dev.appliance.export.kubernetes.DataClaims.Kind;
import dev.appliance.proxy.FrontConfig;
import dev.appliance.stack.Stack.Migrate;
import dev.appliance.stack.Stack.Service;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** EXPORT-NOTES.md: what the export wrote, how to apply it, and every way the cluster differs from the appliance. */
final class ExportNotes {

  private final ExportSource source;
  private final Manifests manifests;
  private final Map<String, List<HasMetadata>> objects;
  private final String namespace;
  private final List<String> lines = new ArrayList<>();

  ExportNotes(ExportSource source, Manifests manifests, Map<String, List<HasMetadata>> objects) {
    this.source = source;
    this.manifests = manifests;
    this.objects = objects;
    this.namespace = manifests.metadata().namespace();
  }

  String render() {
    EnvConfig.ApplianceConfig appliance = source.env().appliance();
    add("# Kubernetes export of the stack " + source.stack().name() + ", version " + source.version(), "",
        "Written by `appliance export --kubernetes` from " + source.stackFile().getFileName() + " with the env of " + appliance.domain()
            + " (" + appliance.environment().toString().toLowerCase(java.util.Locale.ROOT) + "). Every point below is"
            + " a way the cluster differs from the appliance.", "");
    files();
    apply();
    startOrder();
    migration();
    storage();
    front();
    backups();
    mappings();
    return String.join("\n", lines) + "\n";
  }

  private void files() {
    add("## Files", "", "- `" + KubernetesExport.KUSTOMIZATION + "` lists the files below and sets the namespace "
        + namespace + ".");
    objects.forEach((file, list) -> add("- `" + file + "`" + (file.startsWith("secrets/") ? " (mode 0600)" : "") + ": "
        + list.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).collect(Collectors.joining(", ")) + "."));
    if (objects.containsKey(Manifests.SECRETS_FILE)) {
      add("", "`secrets/` holds the env's secrets in plain text (" + String.join(", ", manifests.secrets().keySet())
          + "); it is the only place they are written. Keep it out of version control, or replace it with your own"
          + " secret store (Sealed Secrets, External Secrets) under the same names.");
    }
    add("");
  }

  private void apply() {
    List<String> images = DataClaims.exported(source).stream().map(s -> s.image().orElseThrow()).distinct().toList();
    add("## Apply", "", "The nodes pull the images " + String.join(", ", images) + " (imagePullPolicy IfNotPresent):"
        + " push them to a registry the nodes reach and name it, as in `kustomize edit set image " + images.get(0)
        + "=REGISTRY/" + images.get(0) + "`.", "");
    String ns = "kubectl -n " + namespace + " ";
    List<String> first = new ArrayList<>(List.of(Manifests.NAMESPACE_FILE));
    objects.keySet().stream().filter(f -> f.startsWith("secrets/") || f.equals(Manifests.CLAIMS_FILE)).forEach(first::add);
    add("```", "kubectl apply " + first.stream().map(f -> "-f " + f).collect(Collectors.joining(" ")));
    source.stack().appliance().migrate().ifPresent(migrate -> {
      List<Service> needed = dependencies(source.service(migrate.service()));
      List<String> files = new ArrayList<>(needed.stream().map(Manifests::fileOf).toList());
      if (manifests.database().isPresent()) {
        files.add(Manifests.DUMP_FILE);
      }
      if (!files.isEmpty()) {
        add("kubectl apply " + files.stream().map(f -> "-f " + f).collect(Collectors.joining(" ")));
      }
      needed.forEach(s -> add(ns + "rollout status " + controller(s) + " --timeout=10m"));
      String job = manifests.workloads().migrationName();
      if (manifests.database().isPresent()) {
        add(ns + "create job --from=cronjob/" + Workloads.DUMP_JOB + " " + Workloads.DUMP_JOB + "-before-" + job,
            ns + "wait --for=condition=complete job/" + Workloads.DUMP_JOB + "-before-" + job + " --timeout=30m");
      }
      if (!migrate.compatible()) {
        List<String> stopped = DataClaims.exported(source).stream().filter(s -> !needed.contains(s))
            .filter(s -> manifests.database().filter(s::equals).isEmpty()).map(this::controller).toList();
        add(ns + "scale " + String.join(" ", stopped) + " --replicas=0   # an update only: the migration is not"
            + " marked compatible");
      }
      add("kubectl apply -f " + manifests.migrationFile(), ns + "wait --for=condition=complete job/" + job
          + " --timeout=30m");
    });
    add("kubectl apply -k .", ns + "rollout status deployment/" + source.stack().appliance().web().service()
        + " --timeout=10m", "```", "");
    add("`kubectl kustomize .` shows what `kubectl apply -k .` applies. An update is the next version's export applied"
        + " the same way, into the same directory: its Job has the next version's name.", "");
  }

  private void startOrder() {
    add("## Start order and health", "", "Kubernetes has no depends_on: pods start in any order, and an application"
        + " that finds its database or Redis down must retry or exit (then it is restarted). A Service sends traffic"
        + " to a pod only once its readiness probe passes; the liveness probe only checks that the port accepts"
        + " connections, failing for two minutes before a restart, so that pods are not restarted while a"
        + " dependency is down.", "");
    for (Service service : DataClaims.exported(source)) {
      String waits = service.dependsOn().isEmpty() ? "" : "; on the appliance it waits for "
          + service.dependsOn().entrySet().stream().map(e -> e.getKey() + " ("
              + e.getValue().toString().toLowerCase(java.util.Locale.ROOT) + ")").collect(Collectors.joining(", "));
      add("- " + service.name() + ": ready when " + Probes.readinessSource(source.stack(), service,
          manifests.ports().of(service.name())).orElse("started (the stack gives it neither a healthcheck nor a port"
              + " another service reaches: add a healthcheck to stack.yml for a readiness probe)")
          + (Probes.liveness(manifests.ports().of(service.name())).isEmpty() ? ", no liveness probe" : "") + waits + ".");
    }
    add("");
  }

  private void migration() {
    source.stack().appliance().migrate().ifPresent((Migrate migrate) -> add("## Migration", "",
        "The appliance migrates as a one-off container of " + migrate.service() + " after a version change, once the"
            + " database is dumped. Here it is the Job " + manifests.workloads().migrationName() + " (`"
            + String.join(" ", migrate.command()) + "`, tried once: backoffLimit 0), to run and complete before the"
            + " Deployments roll, as in the commands above. `kubectl apply -k .` alone would start it beside the new"
            + " pods, which then fail their readiness probe until it is done. Jobs are immutable, so every version has"
            + " its own; delete old ones with `kubectl -n " + namespace + " delete job OLD-NAME`."
            + (migrate.compatible() ? " The stack marks the migration compatible: the old version may serve while"
            + " it runs." : " The stack does not mark the migration compatible: stop the old version first."), ""));
  }

  private void storage() {
    add("## Storage", "", "No hostPath: the data node's directories become claims of the cluster's default storage"
        + " class (set storageClassName to choose another).", "");
    for (Claim claim : manifests.claims().claims().values()) {
      String users = String.join(", ", claim.users());
      add("- " + claim.host() + " (" + users + "): " + switch (claim.kind()) {
        case DATABASE -> "a ReadWriteOnce claim of " + manifests.settings().databaseSize() + " (--database-size) per"
            + " pod of the StatefulSet " + users + ", mounted through its subdirectory " + claim.name() + " (a file"
            + " system's lost+found would stop initdb). Deleting the StatefulSet keeps the claim.";
        case SHARED -> "one ReadWriteMany claim " + claim.name() + " of " + manifests.settings().claimSize()
            + " (--vault-size), which needs a storage class that offers ReadWriteMany (NFS, CephFS, Longhorn and the"
            + " clouds' file storage). Without one, on a single node: change accessModes to [ReadWriteOnce] in "
            + Manifests.CLAIMS_FILE + "; a ReadWriteOnce claim serves every pod on its node, so keep " + users
            + " on one node (a single-node cluster does).";
        case SINGLE -> "a ReadWriteOnce claim " + claim.name() + " of " + manifests.settings().claimSize()
            + " (--vault-size); its Deployment is replaced, not rolled, since the claim serves one node.";
        case VOLATILE -> "an emptyDir of the pod: lost when the pod is replaced or moves, as /volatile may be lost on"
            + " the appliance; the Deployment is replaced, not rolled, so that one pod holds it at a time.";
      });
    }
    add("", "A claim's files belong to the group of the service's user (fsGroup), as the appliance gives"
        + " the directories their owners. `tmpfs` paths are emptyDirs in memory, which count against the pod's"
        + " memory limit.", "");
  }

  private void front() {
    EnvConfig.SslConfig ssl = source.env().appliance().ssl();
    FrontConfig site = FrontConfig.of(source.stack(), source.env(), source.httpsPort());
    add("## The front proxy and the Ingress", "", "The front proxy (" + source.stack().appliance().proxy().orElse("none")
        + ") is not exported: the Ingress " + source.stack().appliance().web().service() + " takes its place, for "
        + String.join(", ", manifests.hosts()) + ", with the cluster's default ingress class (set ingressClassName"
        + " for another).");
    add("- TLS: the Secret " + manifests.tlsSecret() + (manifests.ownCertificate().isPresent()
        ? ", from the env's own certificate (" + Manifests.TLS_FILE + ")."
        : ", which nothing here creates: the appliance's ACME certificates stay on it. Have cert-manager issue it"
        + " (annotate the Ingress with cert-manager.io/cluster-issuer: ISSUER) or create it with `kubectl -n "
        + namespace + " create secret tls " + manifests.tlsSecret() + " --cert=FILE --key=FILE`."));
    add("- Redo in the ingress controller: the redirect from HTTP to HTTPS, HSTS, and the headers the front sends on"
        + " every answer: " + site.headers().entrySet().stream().map(h -> h.getKey() + ": " + h.getValue())
        .collect(Collectors.joining("; ")) + ".");
    if (ssl.clientCa().isPresent()) {
      add("- Client certificates: the front asks visitors for one signed by appliance/ssl/client_ca, "
          + (ssl.clientCertsMandatory() ? "refuses those without one" : "optionally") + ", checks it against the CA's"
          + " CRL, and tells the application the result in X-Ssl-Client-* headers. Configure the controller to check them against the same CA (as ingress-nginx's"
          + " auth-tls annotations do) and to pass the result on, or the application sees none.");
    }
    add("- The maintenance and failure pages: the appliance's front shows them while it updates or has failed; here"
        + " the controller answers 503 while no pod is ready.", "");
  }

  private void backups() {
    EnvConfig.ApplianceConfig appliance = source.env().appliance();
    manifests.database().ifPresent(db -> add("## Backups", "", "The CronJob " + Workloads.DUMP_JOB + " runs `pg_dump"
        + " -Fc` of " + source.env().app().databaseName() + " as the role " + Workloads.DATABASE_ROLE + " at `"
        + manifests.settings().dumpSchedule() + "` (" + (CronSchedule.of(appliance.backup().schedule()).isPresent()
        ? "appliance/backup/schedule " : "cron cannot say appliance/backup/schedule ") + appliance.backup().schedule()
        + ", in the controller's time zone) into the claim " + Workloads.DUMPS + " of " + manifests.settings()
        .databaseSize() + ", keeping the newest " + appliance.backup().retention().daily()
        + " (appliance/backup/retention/daily). The dumps stay in the cluster: copy them off it.", ""));
    add("Not run in the cluster, which the appliance does itself:",
        "- restic backups of /data and the database to " + appliance.backup().url() + ", and the weekly restore drill;",
        "- certificates from " + (appliance.ssl().letsEncrypt().enabled() ? "Let's Encrypt (" + appliance.ssl()
            .letsEncrypt().directory() + ")" : "an ACME CA") + " and their renewal;",
        "- alerts" + alerts(appliance.alert()) + " and the heartbeat;",
        "- its own updates (appliance/update) and the system's security updates;",
        "- the firewall (appliance/firewall)" + (appliance.vpn().isPresent() ? ", the VPN" : "") + " and the standby page: use NetworkPolicies and the cluster's own means.", "");
  }

  private static String alerts(EnvConfig.AlertConfig alert) {
    Set<String> channels = new LinkedHashSet<>();
    alert.email().forEach(channels::add);
    alert.sentryDsn().ifPresent(s -> channels.add("Sentry"));
    return channels.isEmpty() ? " (none configured)" : " (to " + String.join(", ", channels) + ")";
  }

  private void mappings() {
    add("## Other mappings", "",
        "- Each service runs as one pod (replicas: 1). The database cannot have more; scale the others only if the"
            + " application allows several instances.",
        "- mem_limit and cpus become resources.limits (Kubernetes requests as much); user becomes runAsUser and"
            + " runAsGroup, read_only readOnlyRootFilesystem; restart: unless-stopped is the Deployments' own policy.",
        "- Settings are in ConfigMaps and secrets in the Secret " + PodTemplates.SECRET + ", under the names the"
            + " application reads (secretKeyRef). A changed value reaches running pods after `kubectl -n " + namespace
            + " rollout restart " + DataClaims.exported(source).stream().map(this::controller)
            .collect(Collectors.joining(" ")) + "`.",
        "- Each Service opens the web port (x-appliance/web/port) or the ports the other services' environments"
            + " name: " + manifests.ports().ports().entrySet()
            .stream().filter(e -> !e.getValue().isEmpty()).map(e -> e.getKey() + " " + e.getValue().stream()
                .map(String::valueOf).collect(Collectors.joining(", "))).collect(Collectors.joining("; ")) + ".");
    List<String> init = DataClaims.exported(source).stream().filter(Service::init).map(Service::name).toList();
    if (!init.isEmpty()) {
      add("- init: true (" + String.join(", ", init) + ") has no counterpart: the image's entrypoint is the"
          + " container's first process, which must reap its children itself.");
    }
  }

  private String controller(Service service) {
    return (manifests.database().filter(service::equals).isPresent() ? "statefulset/" : "deployment/") + service.name();
  }

  private List<Service> dependencies(Service service) {
    Set<Service> found = new LinkedHashSet<>();
    List<Service> todo = new ArrayList<>(List.of(service));
    while (!todo.isEmpty()) {
      for (String name : todo.remove(0).dependsOn().keySet()) {
        Service dependency = source.service(name);
        if (!source.isProxy(dependency) && found.add(dependency)) {
          todo.add(dependency);
        }
      }
    }
    found.remove(service);
    return List.copyOf(found);
  }

  private void add(String... more) {
    lines.addAll(List.of(more));
  }
}
