package dev.appliance.stack;

import dev.appliance.env.types.Suggestions;
import dev.appliance.env.validate.Nodes;
import dev.appliance.stack.Stack.ApplianceSettings;
import dev.appliance.stack.Stack.Directory;
import dev.appliance.stack.Stack.Front;
import dev.appliance.stack.Stack.Migrate;
import dev.appliance.stack.Stack.SecretKind;
import dev.appliance.stack.Stack.SecretRequest;
import dev.appliance.stack.Stack.Service;
import dev.appliance.stack.Stack.Web;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a composed stack.yml: top-level keys, each service, {@code x-appliance}, and the rules across services. */
final class StackReader {

  private static final List<String> TOP_LEVEL = List.of("name", "services", "x-appliance", "version");
  private static final Set<String> SECRET_KINDS = Set.of("password", "token", "rsa-key", "openpgp-key");
  private static final List<String> SETTINGS = List.of("proxy", "web", "migrate", "database", "secrets", "directories",
      "front");

  private final NodeValues values;
  private final Map<String, Node> serviceNodes = new LinkedHashMap<>();

  StackReader(NodeValues values) {
    this.values = values;
  }

  Optional<Stack> read(Node root, String defaultName) {
    Map<String, Node> top = new LinkedHashMap<>();
    for (NodeTuple tuple : values.entries(root, "", "a Compose file (services: ...)")) {
      String key = NodeValues.key(tuple);
      if (TOP_LEVEL.contains(key) || key.startsWith("x-")) {
        top.put(key, tuple.getValueNode());
      } else {
        values.problems().at(tuple.getKeyNode(), key, "'" + key + "' is not supported at the top level", key.equals("volumes")
            ? "mount directories under /data or /volatile in each service instead of named volumes"
            : key.equals("networks") ? "the appliance gives each stack one private network; remove it"
            : "supported keys: name, services, x-appliance (and version, which is ignored)");
      }
    }
    String name = Optional.ofNullable(top.get("name")).flatMap(n -> values.text(n, "name")).orElse(defaultName);
    if (!top.containsKey("services")) {
      values.problems().at(root, "services", "is missing", "add 'services:' with at least one service");
    }
    Node settingsNode = top.get("x-appliance");
    // Only to know whose ports may listen widely; a bad value is reported once, when x-appliance is read.
    String proxy = settingsNode == null ? "" : Nodes.text(settingsNode, "proxy").orElse("");
    Map<String, Service> services = new LinkedHashMap<>();
    ServiceReader reader = new ServiceReader(values);
    for (NodeTuple tuple : top.containsKey("services") ? values.entries(top.get("services"), "services", "a section of services")
        : List.<NodeTuple>of()) {
      String service = NodeValues.key(tuple);
      serviceNodes.put(service, tuple.getKeyNode());
      services.put(service, reader.read(service, tuple.getValueNode(), service.equals(proxy)));
    }
    Optional<ApplianceSettings> settings = settingsNode == null ? missingSettings(root) : settings(settingsNode, services);
    checkDependencies(services);
    return settings.map(s -> new Stack(name, services, s));
  }

  private Optional<ApplianceSettings> missingSettings(Node root) {
    values.problems().at(root, "x-appliance", "is missing: the appliance must know which service its front proxy serves",
        "add x-appliance: {web: {service: NAME, port: PORT, health: /PATH}}");
    return Optional.empty();
  }

  private Optional<ApplianceSettings> settings(Node node, Map<String, Service> services) {
    Optional<String> proxy = Optional.empty();
    Optional<Web> web = Optional.empty();
    Optional<Migrate> migrate = Optional.empty();
    Optional<String> database = Optional.empty();
    List<SecretRequest> secrets = new ArrayList<>();
    List<Directory> directories = List.of();
    Front front = Front.NONE;
    boolean webGiven = false;
    for (NodeTuple tuple : values.entries(node, "x-appliance", "a section")) {
      String key = NodeValues.key(tuple);
      Node value = tuple.getValueNode();
      switch (key) {
        case "proxy" -> proxy = serviceRef(value, "x-appliance/proxy", services);
        case "web" -> {
          webGiven = true;
          web = web(value, services);
        }
        case "migrate" -> migrate = migrate(value, services);
        case "secrets" -> secrets = secrets(value);
        case "database" -> database = Nodes.get(value, "service")
            .flatMap(n -> serviceRef(n, "x-appliance/database/service", services));
        case "directories" -> directories = new DirectoriesReader(values).read(value, services);
        case "front" -> front = new FrontReader(values).read(value);
        default -> values.problems().at(tuple.getKeyNode(), "x-appliance/" + key, "unknown key",
            Suggestions.didYouMean(key, SETTINGS).map(s -> "did you mean '" + s + "'?")
                .orElse("the keys here are: " + String.join(", ", SETTINGS)));
      }
    }
    if (!webGiven) {
      values.problems().at(node, "x-appliance/web", "is missing", "add web: {service: NAME, port: PORT, health: /PATH}");
    }
    Optional<String> finalProxy = proxy;
    Optional<Migrate> finalMigrate = migrate;
    Optional<String> finalDatabase = database;
    List<SecretRequest> finalSecrets = secrets;
    List<Directory> finalDirectories = directories;
    Front finalFront = front;
    return web.map(w -> new ApplianceSettings(finalProxy, w, finalMigrate, finalDatabase, finalSecrets, finalDirectories,
        finalFront));
  }

  private Optional<Web> web(Node node, Map<String, Service> services) {
    Optional<String> service = Nodes.get(node, "service")
        .flatMap(n -> serviceRef(n, "x-appliance/web/service", services));
    Optional<Integer> port = Nodes.get(node, "port")
        .flatMap(n -> values.integer(n, "x-appliance/web/port", 1, 65535));
    String health = Nodes.get(node, "health")
        .flatMap(n -> values.text(n, "x-appliance/web/health")).orElse("/");
    for (String required : List.of("service", "port")) {
      if (Nodes.get(node, required).isEmpty()) {
        values.problems().at(node, "x-appliance/web/" + required, "is missing", "add '" + required + ":' under x-appliance/web");
      }
    }
    if (!health.startsWith("/")) {
      values.problems().at(node, "x-appliance/web/health", "should be a path starting with /", "write it like /healthz");
    }
    return service.isPresent() && port.isPresent() ? Optional.of(new Web(service.get(), port.get(), health)) : Optional.empty();
  }

  private Optional<Migrate> migrate(Node node, Map<String, Service> services) {
    Optional<String> service = Nodes.get(node, "service")
        .flatMap(n -> serviceRef(n, "x-appliance/migrate/service", services));
    Optional<List<String>> command = Nodes.get(node, "command")
        .flatMap(n -> values.words(n, "x-appliance/migrate/command"));
    if (service.isEmpty() || command.isEmpty() || command.get().isEmpty()) {
      values.problems().at(node, "x-appliance/migrate", "needs a service and a command",
          "write migrate: {service: NAME, command: [migrate]}");
      return Optional.empty();
    }
    boolean compatible = Nodes.get(node, "compatible")
        .flatMap(n -> values.bool(n, "x-appliance/migrate/compatible")).orElse(false);
    return Optional.of(new Migrate(service.get(), command.get(), compatible));
  }

  private List<SecretRequest> secrets(Node node) {
    List<SecretRequest> secrets = new ArrayList<>();
    if (!(node instanceof SequenceNode sequence)) {
      values.problems().at(node, "x-appliance/secrets", "should be a list", "write - {name: SECRET_KEY, kind: token}");
      return secrets;
    }
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String path = "x-appliance/secrets/" + i;
      Optional<String> name = Nodes.get(item, "name").flatMap(n -> values.text(n, path + "/name"));
      Optional<String> kind = Nodes.get(item, "kind").flatMap(n -> values.text(n, path + "/kind"));
      if (name.isEmpty() || !name.get().matches("[A-Z][A-Z0-9_]*") || kind.isEmpty() || !SECRET_KINDS.contains(kind.get())) {
        values.problems().at(item, path, "needs a name in upper case and a kind (password, token, rsa-key, openpgp-key)",
            "write - {name: SECRET_KEY, kind: token}");
        continue;
      }
      secrets.add(new SecretRequest(name.get(), SecretKind.valueOf(kind.get().replace('-', '_').toUpperCase(Locale.ROOT))));
    }
    return secrets;
  }

  private Optional<String> serviceRef(Node node, String path, Map<String, Service> services) {
    Optional<String> service = values.text(node, path);
    if (services.isEmpty()) {
      return Optional.empty(); // reported once, as missing services
    }
    if (service.isPresent() && !services.containsKey(service.get())) {
      values.problems().at(node, path, "there is no service '" + service.get() + "'",
          Suggestions.didYouMean(service.get(), services.keySet()).map(s -> "did you mean '" + s + "'?")
              .orElse("the services are: " + String.join(", ", services.keySet())));
      return Optional.empty();
    }
    return service;
  }

  /** Every dependency must exist, and none may come back round to the service itself. */
  private void checkDependencies(Map<String, Service> services) {
    for (Service service : services.values()) {
      for (String dependency : service.dependsOn().keySet()) {
        if (!services.containsKey(dependency)) {
          values.problems().at(serviceNodes.get(service.name()), "services/" + service.name() + "/depends_on",
              "depends on '" + dependency + "', which is not a service", "the services are: " + String.join(", ", services.keySet()));
        }
      }
      if (reaches(services, service.name(), service.name(), new HashSet<>())) {
        values.problems().at(serviceNodes.get(service.name()), "services/" + service.name() + "/depends_on",
            "depends on itself through a cycle", "remove one of the depends_on entries in the cycle");
      }
    }
  }

  private static boolean reaches(Map<String, Service> services, String from, String target, Set<String> seen) {
    Service service = services.get(from);
    if (service == null || !seen.add(from)) {
      return false;
    }
    for (String next : service.dependsOn().keySet()) {
      if (next.equals(target) || reaches(services, next, target, seen)) {
        return true;
      }
    }
    return false;
  }
}
