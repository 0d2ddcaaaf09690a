package dev.appliance.export.swarm;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportDirectory;
import dev.appliance.export.ExportSource;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Migrate;
import dev.appliance.stack.Stack.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** EXPORT-NOTES.md: every way this export's Swarm stack differs from the appliance, told from what it mapped. */
final class SwarmNotes {

  private final ExportSource source;
  private final SwarmObjects objects;
  private final SwarmService mapping;
  private final List<String> lines = new ArrayList<>();

  SwarmNotes(ExportSource source, SwarmObjects objects, SwarmService mapping) {
    this.source = source;
    this.objects = objects;
    this.mapping = mapping;
  }

  String render() {
    EnvConfig.ApplianceConfig env = source.env().appliance();
    lines.add("# " + ExportDirectory.NOTES.replace(".md", "") + ": the stack " + objects.stack() + " on Docker Swarm");
    lines.add("");
    lines.add("Written by `appliance export --swarm` from " + source.stackFile().getFileName() + " and the env of " + env.domain()
        + " (" + env.environment().name().toLowerCase(Locale.ROOT) + "), version " + source.version() + ". Export again"
        + " rather than edit the files. On the data node, a Swarm manager: `./deploy.sh [--images FILE]` (FILE as"
        + " `appliance images save` writes it). `secrets/` holds the secrets' values (0600): keep the directory private.");
    lines.add("");
    lines.add("## What differs from the appliance");
    lines.add("");
    startOrder();
    migration();
    placement();
    ports();
    secrets();
    site();
    health();
    resources();
    lines.add("- **Service names**: the services reach each other by DNS round robin (`endpoint_mode: dnsrr`), which"
        + " names only running, healthy tasks and needs no IPVS in the nodes' kernels. The front re-resolves the web"
        + " service every 10 s.");
    lines.add("- **Images**: `docker stack deploy --resolve-image never` uses the images the nodes have: every node"
        + " that may run a service needs them (`deploy.sh --images FILE` loads them on the data node only)."
        + builds());
    lines.add("");
    lines.add("## What the appliance does that nobody does in Swarm");
    lines.add("");
    certificates(env);
    backups(env);
    lines.add("- **Updates**: the appliance's update timer" + (env.update().automatic() ? " (automatic, " + env.update()
        .onCalendar() + ")" : "") + " and the system's security updates do not run: deploy a new version with a"
        + " new export and `deploy.sh`, and keep the nodes' systems updated yourself.");
    lines.add("- **Alerts and supervision**: the supervisor (alerts" + (env.alert().email().isEmpty() ? "" : " to "
        + String.join(", ", env.alert().email())) + ", the heartbeat, the failure and maintenance pages, the metrics)"
        + " does not run: watch `docker stack services " + objects.stack() + "` and the tasks' health with your own"
        + " monitoring.");
    lines.add("- **Firewall and VPN**: " + (env.firewall().enabled() ? "the env's nftables rules (SSH from "
        + String.join(", ", env.firewall().sshFrom()) + ", HTTPS from " + String.join(", ", env.firewall().httpsFrom())
        + ") are not applied" : "the env has no firewall of its own") + (env.vpn().isPresent() ? "; nor is its WireGuard VPN"
        : "") + ": the nodes' own firewall must let in the front's ports only, and Swarm's ports (2377/tcp, 7946,"
        + " 4789/udp) between the nodes only.");
    lines.add("- **Storage**: the appliance's /data and /volatile file systems (labels, encryption) are the data"
        + " node's to provide under " + mapping.onNode("/data").replaceFirst("/data$", "/") + ".");
    lines.add("");
    lines.add("## Old secrets and configs");
    lines.add("");
    lines.add("A changed secret or site gets a new name; the old one stays until you remove it:"
        + " `docker secret ls --filter label=com.docker.stack.namespace=" + objects.stack() + "`, `docker config ls`.");
    return String.join("\n", lines) + "\n";
  }

  private void startOrder() {
    List<String> waits = new ArrayList<>();
    for (Service service : source.stack().services().values()) {
      if (!service.dependsOn().isEmpty()) {
        waits.add(service.name() + " waits for " + service.dependsOn().entrySet().stream()
            .map(d -> d.getKey() + " (" + d.getValue().name().toLowerCase(Locale.ROOT) + ")").collect(Collectors.joining(", ")));
      }
    }
    if (!waits.isEmpty()) {
      lines.add("- **Start order**: depends_on is dropped (" + String.join("; ", waits) + "). Swarm starts every service"
          + " at once and restarts one whose dependencies do not answer yet, until they do.");
    }
  }

  private void migration() {
    if (source.stack().appliance().migrate().isEmpty()) {
      return;
    }
    Migrate migrate = source.stack().appliance().migrate().get();
    lines.add("- **Migration**: x-appliance/migrate (`" + String.join(" ", migrate.command()) + "` in " + migrate.service()
        + "'s image) is deploy.sh's one-off Swarm job `" + objects.migrationJob(source.version()) + "`, retried every "
        + MigrationJob.RETRY_DELAY + " (" + MigrationJob.ATTEMPTS + " times) while the database does not answer: before"
        + " the new version when the stack runs, right after the first deploy otherwise; a completed job of the version"
        + " is not run again. The appliance dumps the database before every migration and restores the dump when the"
        + " update fails; deploy.sh does not: take a dump first (see Backups)."
        + (migrate.compatible() ? "" : " The stack does not say that the running version works on the migrated schema"
        + " (x-appliance/migrate/compatible): the old version serves on it until Swarm has replaced it."));
  }

  private void placement() {
    List<String> pinned = source.stack().services().values().stream().filter(ExportSource::bindsData)
        .map(s -> s.name() + " (" + ExportSource.dataMounts(s).stream().map(BindMount::host).collect(Collectors.joining(", ")) + ")")
        .toList();
    if (!pinned.isEmpty()) {
      lines.add("- **Pinned services**: " + String.join(", ", pinned) + " bind the data node's directories, so they run"
          + " only on the node labelled `" + ExportSource.DATA_NODE_LABEL + "=true` (`" + SwarmService.DATA_CONSTRAINT
          + "`), which deploy.sh labels: it is the node deploy.sh runs on. The binds come from under "
          + mapping.onNode("/data").replaceFirst("/data$", "/") + "; deploy.sh creates the directories with the"
          + " appliance's owners and modes. Only services that bind nothing could spread over other nodes.");
    }
  }

  private void ports() {
    source.stack().appliance().proxy().map(source::service).filter(front -> !front.ports().isEmpty()).ifPresent(front ->
        lines.add("- **Published ports**: " + front.name() + " publishes " + front.ports().stream()
            .map(p -> p.hostPort() + "->" + p.containerPort()).collect(Collectors.joining(", ")) + " in host mode: on"
            + " every address of the node it runs on, keeping the visitors' addresses (Swarm's routing mesh would hide"
            + " them). Point DNS at the data node."));
  }

  private void secrets() {
    if (objects.secrets().isEmpty()) {
      return;
    }
    List<String> uses = new ArrayList<>();
    source.environments().forEach((service, environment) -> environment.forEach((key, value) -> {
      if (value instanceof EnvValue.Secret secret) {
        uses.add(service + " " + key + "_FILE=" + SwarmObjects.SECRETS_DIR + secret.name());
      }
    }));
    lines.add("- **Secrets as files**: " + String.join(", ", objects.secrets().keySet()) + " are Swarm secrets (from"
        + " `secrets/`), files of mode 0400 owned by the service's user, not environment values: " + String.join("; ", uses)
        + ". The application must read NAME_FILE when NAME is unset (the reference application and the appliance's"
        + " postgres image do). Each secret's name carries a digest of its value: a changed value is a new secret.");
  }

  private void site() {
    source.stack().appliance().proxy().ifPresent(front -> lines.add("- **The front's site**: the appliance writes it to "
        + ExportSource.FRONT_SITE_DIR + "; here it is the Swarm config `" + objects.site() + "` (from `"
        + SwarmObjects.SITE_FILE + "`), mounted into " + front + ". A changed site is a new config, and Swarm restarts"
        + " the front with it. The maintenance page and the ACME challenge directory it serves stay empty."));
  }

  private void health() {
    String web = source.stack().appliance().web().service();
    Service service = source.service(web);
    lines.add("- **Health checks and updates**: kept as the stack has them. " + web + " updates start-first (the next"
        + " task gets traffic only once healthy), watched for " + SwarmDurations.format(SwarmDurations.untilUnhealthy(
        service.healthcheck())) + " (what its health check needs to fail), and rolls back by itself when the new task"
        + " fails; every other service stops first, as two of a database on one directory would destroy it. Swarm rolls"
        + " back each service on its own (the appliance updates the whole stack or none): deploy.sh says which it rolled"
        + " back and exits 1.");
  }

  private void resources() {
    List<String> limits = source.stack().services().values().stream().filter(s -> s.memLimitBytes().isPresent())
        .map(s -> s.name() + " " + SwarmService.memory(s.memLimitBytes().get())).toList();
    if (!limits.isEmpty()) {
      lines.add("- **Memory limits**: mem_limit is `deploy.resources.limits.memory` (" + String.join(", ", limits) + "),"
          + " without a reservation: Swarm places the tasks without counting it.");
    }
    Map<String, String> policies = new java.util.LinkedHashMap<>();
    source.stack().services().values().forEach(s -> policies.put(s.name(), s.restart().name().toLowerCase(Locale.ROOT)
        .replace('_', '-') + " is " + SwarmService.restartCondition(s.restart())));
    lines.add("- **Restart**: restart is `deploy.restart_policy.condition` (" + policies.entrySet().stream()
        .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + "); Swarm has no stopped-by-hand"
        + " state: scale a service to 0 instead. tmpfs is written as volumes of type tmpfs, which Swarm mounts.");
  }

  private String builds() {
    List<String> built = source.stack().services().values().stream().filter(s -> s.build().isPresent())
        .map(Service::name).toList();
    return built.isEmpty() ? "" : " build is dropped (" + String.join(", ", built) + "): the images are used by name.";
  }

  private void certificates(EnvConfig.ApplianceConfig env) {
    String tls = mapping.onNode("/data/tls");
    lines.add("- **Certificates**: " + (env.ssl().letsEncrypt().enabled() ? "the env's Let's Encrypt certificates are"
        + " neither issued nor renewed (the appliance's ACME client does not run in Swarm)" : "the appliance's"
        + " certificate handling does not run") + (env.ssl().own().isPresent() ? ", and the env's own certificate is not"
        + " exported" : "") + ". deploy.sh makes a self-signed certificate in " + tls + " when there is none: put"
        + " a trusted server.crt and server.key there (group 33 may read the key), renew them before they expire, and"
        + " run `docker service update --force " + objects.service(source.stack().appliance().proxy().orElse("front"))
        + "`.");
    env.ssl().clientCa().ifPresent(ca -> lines.add("- **Client certificates**: the front checks them against "
        + mapping.onNode("/data/ca") + "/ca.crt and its revocation list crl.pem, which the appliance signs and renews"
        + " (valid 30 days); deploy.sh requires both and nobody renews the list in Swarm: copy /data/ca from the"
        + " appliance, and again with every new list (`appliance client-cert` issues and revokes on the appliance)."));
  }

  private void backups(EnvConfig.ApplianceConfig env) {
    String database = source.stack().appliance().database().orElse("postgres");
    lines.add("- **Backups**: the appliance's nightly restic backup (" + env.backup().schedule() + " to " + env.backup()
        .url() + ", with its retention and the weekly restore drill) does not run: back up the data node's "
        + mapping.onNode("/data") + " and a dump of the database yourself, e.g. `docker exec -u postgres $(docker ps -q -f name="
        + objects.service(database) + ") pg_dump -Fc " + source.env().app().databaseName() + " > app.dump`.");
  }
}
