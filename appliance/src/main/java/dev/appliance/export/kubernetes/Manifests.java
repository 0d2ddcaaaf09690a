package dev.appliance.export.kubernetes;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.export.ExportSource;
import dev.appliance.export.kubernetes.DataClaims.Claim;
import dev.appliance.export.kubernetes.DataClaims.Kind;
import dev.appliance.stack.Stack.Service;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLSBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The export's objects by file: the namespace, the claims, one file per service (its ConfigMap, Service and
 * controller, and the Ingress with the web service), the migration's Job, the dump's CronJob, and the Secrets under
 * {@code secrets/}, the only place their values are written.
 */
final class Manifests {

  /** The database password's name in the Secret, as the stack reads it. */
  static final String DATABASE_PASSWORD = "DATABASE_PASSWORD";
  static final String NAMESPACE_FILE = "namespace.yaml";
  static final String CLAIMS_FILE = "claims.yaml";
  static final String DUMP_FILE = "pg-dump.yaml";
  static final String SECRETS_FILE = "secrets/env-secrets.yaml";
  static final String TLS_FILE = "secrets/tls.yaml";

  private final ExportSource source;
  private final Settings settings;
  private final Metadata metadata;
  private final ServicePorts ports;
  private final DataClaims claims;
  private final PodTemplates pods;
  private final Workloads workloads;

  /** What the options say: the sizes and the schedule. */
  record Settings(Quantity databaseSize, Quantity claimSize, String dumpSchedule) {}

  Manifests(ExportSource source, Settings settings) {
    this.source = source;
    this.settings = settings;
    this.metadata = new Metadata(source.stack().name(), source.version());
    this.ports = ServicePorts.of(source);
    this.claims = DataClaims.of(source);
    this.pods = new PodTemplates(source, ports, claims);
    this.workloads = new Workloads(source, metadata, pods, ports, claims);
  }

  Settings settings() {
    return settings;
  }

  ServicePorts ports() {
    return ports;
  }

  DataClaims claims() {
    return claims;
  }

  Workloads workloads() {
    return workloads;
  }

  Metadata metadata() {
    return metadata;
  }

  /** The file of {@code service}'s objects. */
  static String fileOf(Service service) {
    return service.name() + ".yaml";
  }

  /** The file of the migration's Job. */
  String migrationFile() {
    return workloads.migrationName() + ".yaml";
  }

  /** The objects by file, in the order kubectl should create them. */
  Map<String, List<HasMetadata>> files() {
    Map<String, List<HasMetadata>> files = new LinkedHashMap<>();
    files.put(NAMESPACE_FILE, List.of(new NamespaceBuilder().withMetadata(metadata.of(metadata.namespace()))
        .editMetadata().withNamespace(null).endMetadata().build()));
    if (!secrets().isEmpty()) {
      files.put(SECRETS_FILE, List.of(new SecretBuilder().withMetadata(metadata.of(PodTemplates.SECRET))
          .withType("Opaque").withStringData(secrets()).build()));
    }
    ownCertificate().ifPresent(own -> files.put(TLS_FILE, List.of(new SecretBuilder()
        .withMetadata(metadata.of(tlsSecret())).withType("kubernetes.io/tls")
        .withStringData(Map.of("tls.crt", own.certificates(), "tls.key", own.key().reveal())).build())));
    List<HasMetadata> shared = new ArrayList<>();
    for (Claim claim : claims.claims().values()) {
      if (claim.kind() == Kind.SHARED || claim.kind() == Kind.SINGLE) {
        shared.add(Workloads.claim(metadata.of(claim.name()), claim.name(),
            claim.kind() == Kind.SHARED ? "ReadWriteMany" : "ReadWriteOnce", settings.claimSize()));
      }
    }
    if (!shared.isEmpty()) {
      files.put(CLAIMS_FILE, shared);
    }
    for (Service service : DataClaims.exported(source)) {
      files.put(fileOf(service), service(service));
    }
    source.stack().appliance().migrate().ifPresent(m -> files.put(migrationFile(), List.of(workloads.migration(m))));
    database().ifPresent(db -> files.put(DUMP_FILE, List.of(
        Workloads.claim(metadata.of(Workloads.DUMPS), Workloads.DUMPS, "ReadWriteOnce", settings.databaseSize()),
        workloads.databaseDump(db, settings.dumpSchedule(), source.env().appliance().backup().retention().daily()))));
    return files;
  }

  /** The database service, x-appliance/database. */
  Optional<Service> database() {
    return source.stack().appliance().database().map(source::service);
  }

  /** The env's own key and certificate, which win over an ACME CA's. */
  Optional<EnvConfig.KeyAndCertificate> ownCertificate() {
    return source.env().appliance().ssl().own();
  }

  /** The TLS Secret the Ingress names: the env's own certificate, or one cert-manager or the operator provides. */
  String tlsSecret() {
    return source.env().appliance().domain().toString().replace('.', '-') + "-tls";
  }

  /** The names the Ingress serves: the domain, and the extra names of an ACME certificate. */
  List<String> hosts() {
    List<String> hosts = new ArrayList<>(List.of(source.env().appliance().domain().toString()));
    if (ownCertificate().isEmpty() && source.env().appliance().ssl().letsEncrypt().enabled()) {
      hosts.addAll(source.env().appliance().ssl().letsEncrypt().extraNames());
    }
    return hosts;
  }

  /** The Secret's values by name: what the environments use, and the database password for the dump. */
  Map<String, String> secrets() {
    Map<String, String> secrets = new TreeMap<>(source.secrets());
    // The dump logs in with it even where no service's environment names it.
    database().ifPresent(db -> secrets.put(DATABASE_PASSWORD, source.env().app().databasePassword().reveal()));
    return secrets;
  }

  private List<HasMetadata> service(Service service) {
    List<HasMetadata> objects = new ArrayList<>();
    Map<String, String> values = pods.settings(service);
    if (!values.isEmpty()) {
      objects.add(new ConfigMapBuilder().withMetadata(metadata.of(PodTemplates.configMap(service))).withData(values)
          .build());
    }
    if (!ports.of(service.name()).isEmpty()) {
      ServiceBuilder network = new ServiceBuilder().withMetadata(metadata.of(service.name())).withNewSpec()
          .withType("ClusterIP").withSelector(metadata.selector(service.name())).endSpec();
      ports.of(service.name()).forEach(port -> network.editSpec().addNewPort().withName(pods.portName(service, port))
          .withPort(port).withTargetPort(new IntOrString(port)).withProtocol("TCP").endPort().endSpec());
      objects.add(network.build());
    }
    objects.add(database().filter(service::equals).isPresent()
        ? workloads.statefulSet(service, settings.databaseSize()) : workloads.deployment(service));
    if (service.name().equals(source.stack().appliance().web().service())) {
      objects.add(ingress(service));
    }
    return objects;
  }

  private HasMetadata ingress(Service web) {
    List<IngressRule> rules = hosts().stream().map(host -> new IngressRuleBuilder().withHost(host).withNewHttp()
        .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName(web.name())
        .withNewPort().withNumber(source.stack().appliance().web().port()).endPort().endService().endBackend()
        .endPath().endHttp().build()).toList();
    return new IngressBuilder().withMetadata(metadata.of(web.name())).withNewSpec().withTls(new IngressTLSBuilder()
        .withHosts(hosts()).withSecretName(tlsSecret()).build()).withRules(rules).endSpec().build();
  }
}
