package dev.appliance.stack;

import dev.appliance.env.types.Suggestions;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Build;
import dev.appliance.stack.Stack.Condition;
import dev.appliance.stack.Stack.Healthcheck;
import dev.appliance.stack.Stack.PortBinding;
import dev.appliance.stack.Stack.Restart;
import dev.appliance.stack.Stack.Service;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads one service of stack.yml, refusing keys and values outside the subset the appliance runs. */
final class ServiceReader {

  /** Host paths a service may mount: the places the appliance keeps and backs up, or may lose. */
  static final List<String> MOUNTABLE = List.of("/data", "/volatile", "/app/etc");
  private static final Pattern PORT = Pattern.compile("(?:(\\d{1,3}(?:\\.\\d{1,3}){3}):)?(\\d{1,5}):(\\d{1,5})(?:/tcp)?");
  private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(?::\\d+)?");

  private final NodeValues values;

  ServiceReader(NodeValues values) {
    this.values = values;
  }

  Service read(String name, Node node, boolean proxy) {
    String path = "services/" + name;
    Map<String, Node> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : values.entries(node, path, "a section of service settings")) {
      String key = NodeValues.key(tuple);
      if (UnsupportedKeys.SUPPORTED.contains(key) || key.startsWith("x-")) {
        keys.put(key, tuple.getValueNode());
      } else {
        String why = UnsupportedKeys.why(key);
        String fix = Suggestions.didYouMean(key, UnsupportedKeys.SUPPORTED).map(s -> "did you mean '" + s + "'?").orElse(why);
        values.problems().at(tuple.getKeyNode(), path + "/" + key, "'" + key + "' is not supported by the appliance", fix);
      }
    }
    if (!keys.containsKey("image") && !keys.containsKey("build")) {
      values.problems().at(node, path, "has neither image nor build", "add 'image: NAME:TAG' or a 'build:' section");
    }
    Optional<String> image = opt(keys, "image").flatMap(n -> imageReference(n, path + "/image"));
    return new Service(name, image, opt(keys, "build").flatMap(n -> build(n, path + "/build")),
        opt(keys, "command").flatMap(n -> values.words(n, path + "/command")),
        opt(keys, "entrypoint").flatMap(n -> values.words(n, path + "/entrypoint")),
        opt(keys, "environment").map(n -> values.keyValues(n, path + "/environment")).orElse(Map.of()),
        opt(keys, "env_file").map(n -> values.strings(n, path + "/env_file")).orElse(List.of()),
        list(keys, "volumes", path).stream().map(this::mount).flatMap(Optional::stream).toList(),
        list(keys, "ports", path).stream().map(n -> port(n, proxy)).flatMap(Optional::stream).toList(),
        opt(keys, "depends_on").map(n -> dependsOn(n, path + "/depends_on")).orElse(Map.of()),
        opt(keys, "healthcheck").flatMap(n -> healthcheck(n, path + "/healthcheck")),
        opt(keys, "restart").flatMap(n -> restart(n, path + "/restart")).orElse(Restart.NO),
        opt(keys, "mem_limit").flatMap(n -> values.size(n, path + "/mem_limit")),
        opt(keys, "cpus").flatMap(n -> values.text(n, path + "/cpus")).flatMap(t -> cpus(t, keys.get("cpus"), path)),
        opt(keys, "user").flatMap(n -> values.text(n, path + "/user")),
        opt(keys, "read_only").flatMap(n -> values.bool(n, path + "/read_only")).orElse(false),
        opt(keys, "tmpfs").map(n -> values.strings(n, path + "/tmpfs")).orElse(List.of()),
        opt(keys, "init").flatMap(n -> values.bool(n, path + "/init")).orElse(false),
        opt(keys, "labels").map(n -> values.keyValues(n, path + "/labels")).orElse(Map.of()));
  }

  private Optional<Build> build(Node node, String path) {
    if (!(node instanceof SequenceNode) && !(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) {
      return values.text(node, path).map(context -> new Build(context, "Dockerfile", Map.of()));
    }
    String context = ".";
    String dockerfile = "Dockerfile";
    Map<String, String> args = Map.of();
    for (NodeTuple tuple : values.entries(node, path, "a build section (context, dockerfile, args)")) {
      String key = NodeValues.key(tuple);
      Node value = tuple.getValueNode();
      switch (key) {
        case "context" -> context = values.text(value, path + "/context").orElse(context);
        case "dockerfile" -> dockerfile = values.text(value, path + "/dockerfile").orElse(dockerfile);
        case "args" -> args = values.keyValues(value, path + "/args");
        default -> values.problems().at(tuple.getKeyNode(), path + "/" + key, "'" + key + "' is not supported in build",
            "supported keys: context, dockerfile, args");
      }
    }
    return Optional.of(new Build(context, dockerfile, args));
  }

  /** A bind mount {@code HOST:CONTAINER[:ro|:rw]}, the host side under one of {@link #MOUNTABLE}. */
  private Optional<BindMount> mount(Item item) {
    Optional<String> text = values.text(item.node(), item.path());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = text.get().split(":");
    if (parts.length < 2 || parts.length > 3 || parts.length == 3 && !parts[2].matches("ro|rw")) {
      values.problems().at(item.node(), item.path(), "'" + text.get() + "' is not a bind mount", "write HOST:CONTAINER or HOST:CONTAINER:ro");
      return Optional.empty();
    }
    if (!parts[0].startsWith("/")) {
      values.problems().at(item.node(), item.path(), "named volumes are not supported ('" + parts[0] + "')",
          "mount a directory under /data (kept and backed up) or /volatile (may be lost), like /data/" + parts[0] + ":" + parts[1]);
      return Optional.empty();
    }
    String host = Path.of(parts[0]).normalize().toString();
    if (MOUNTABLE.stream().noneMatch(root -> host.equals(root) || host.startsWith(root + "/"))) {
      values.problems().at(item.node(), item.path(), "the host path " + parts[0] + " is outside /data, /volatile and /app/etc",
          "keep data under /data (kept and backed up) or /volatile (may be lost)");
      return Optional.empty();
    }
    return Optional.of(new BindMount(host, parts[1], parts.length == 3 && parts[2].equals("ro")));
  }

  /** A published port {@code [IP:]HOST:CONTAINER}; only the front proxy may listen beyond 127.0.0.1. */
  private Optional<PortBinding> port(Item item, boolean proxy) {
    Optional<String> text = values.text(item.node(), item.path());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = PORT.matcher(text.get());
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535 || Integer.parseInt(m.group(3)) > 65535) {
      values.problems().at(item.node(), item.path(), "'" + text.get() + "' is not a port mapping",
          "write 127.0.0.1:HOSTPORT:CONTAINERPORT, like 127.0.0.1:5000:5000");
      return Optional.empty();
    }
    String ip = m.group(1) == null ? "0.0.0.0" : m.group(1);
    if (!proxy && !ip.equals("127.0.0.1")) {
      values.problems().at(item.node(), item.path(), "'" + text.get() + "' publishes port " + m.group(2) + " on "
          + (m.group(1) == null ? "every address" : ip) + "; only the front proxy may listen beyond this machine",
          "write 127.0.0.1:" + m.group(2) + ":" + m.group(3) + ", or serve it through the front proxy");
      return Optional.empty();
    }
    return Optional.of(new PortBinding(ip, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  private Map<String, Condition> dependsOn(Node node, String path) {
    Map<String, Condition> dependsOn = new LinkedHashMap<>();
    if (node instanceof SequenceNode sequence) {
      for (int i = 0; i < sequence.getValue().size(); i++) {
        values.text(sequence.getValue().get(i), path + "/" + i).ifPresent(s -> dependsOn.put(s, Condition.SERVICE_STARTED));
      }
      return dependsOn;
    }
    for (NodeTuple tuple : values.entries(node, path, "a list of services, or a section of service: condition")) {
      String service = NodeValues.key(tuple);
      Condition condition = Condition.SERVICE_STARTED;
      for (NodeTuple setting : values.entries(tuple.getValueNode(), path + "/" + service, "a section with condition")) {
        String key = NodeValues.key(setting);
        Optional<String> text = values.text(setting.getValueNode(), path + "/" + service + "/" + key);
        if (!key.equals("condition")) {
          values.problems().at(setting.getKeyNode(), path + "/" + service + "/" + key, "'" + key + "' is not supported here",
              "write condition: service_started, service_healthy or service_completed_successfully");
        } else if (text.isPresent()) {
          try {
            condition = Condition.valueOf(text.get().toUpperCase(Locale.ROOT));
          } catch (IllegalArgumentException e) {
            values.problems().at(setting.getValueNode(), path + "/" + service + "/condition", "'" + text.get()
                + "' is not a condition", "write service_started, service_healthy or service_completed_successfully");
          }
        }
      }
      dependsOn.put(service, condition);
    }
    return dependsOn;
  }

  private Optional<Healthcheck> healthcheck(Node node, String path) {
    List<String> test = List.of();
    Duration interval = Duration.ofSeconds(30);
    Duration timeout = Duration.ofSeconds(30);
    Duration startPeriod = Duration.ZERO;
    int retries = 3;
    boolean disable = false;
    for (NodeTuple tuple : values.entries(node, path, "a healthcheck section")) {
      String key = NodeValues.key(tuple);
      Node value = tuple.getValueNode();
      String at = path + "/" + key;
      switch (key) {
        case "test" -> test = value instanceof SequenceNode ? values.words(value, at).orElse(List.of())
            : values.text(value, at).map(t -> List.of("CMD-SHELL", t)).orElse(List.of());
        case "interval" -> interval = values.duration(value, at).orElse(interval);
        case "timeout" -> timeout = values.duration(value, at).orElse(timeout);
        case "start_period" -> startPeriod = values.duration(value, at).orElse(startPeriod);
        case "retries" -> retries = values.integer(value, at, 0, 1000).orElse(retries);
        case "disable" -> disable = values.bool(value, at).orElse(false);
        default -> values.problems().at(tuple.getKeyNode(), at, "'" + key + "' is not supported in healthcheck",
            "supported keys: test, interval, timeout, retries, start_period, disable");
      }
    }
    if (disable || test.equals(List.of("NONE"))) {
      return Optional.empty();
    }
    if (!test.isEmpty() && !List.of("CMD", "CMD-SHELL").contains(test.get(0))) {
      values.problems().at(node, path + "/test", "should start with CMD or CMD-SHELL", "write test: [CMD, pg_isready]");
    }
    return Optional.of(new Healthcheck(test, interval, timeout, retries, startPeriod));
  }

  private Optional<Restart> restart(Node node, String path) {
    return values.text(node, path).flatMap(text -> {
      if (!RESTART.matcher(text).matches()) {
        values.problems().at(node, path, "'" + text + "' is not a restart policy", "write no, always, on-failure or unless-stopped");
        return Optional.empty();
      }
      return Optional.of(Restart.valueOf(text.replaceFirst(":.*", "").replace('-', '_').toUpperCase(Locale.ROOT)));
    });
  }

  private Optional<Double> cpus(String text, Node node, String path) {
    try {
      double cpus = Double.parseDouble(text);
      if (cpus > 0) {
        return Optional.of(cpus);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    values.problems().at(node, path + "/cpus", "'" + text + "' is not a number of CPUs", "write a number like 0.5 or 2");
    return Optional.empty();
  }

  /** A list item with its place, for messages. */
  record Item(Node node, String path) {}

  private List<Item> list(Map<String, Node> keys, String key, String path) {
    Node node = keys.get(key);
    if (node == null || NodeValues.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      values.problems().at(node, path + "/" + key, "should be a list", "write each entry on its own line, starting with '- '");
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      items.add(new Item(sequence.getValue().get(i), path + "/" + key + "/" + i));
    }
    return items;
  }

  private static Optional<Node> opt(Map<String, Node> keys, String key) {
    return Optional.ofNullable(keys.get(key)).filter(n -> !NodeValues.isNull(n));
  }

  /**
   * The image reference, checked as Docker reads one ({@link ImageRef}). A value still holding a variable (a stack
   * read before there is an env) is checked once the supervisor fills it in.
   */
  private Optional<String> imageReference(Node node, String path) {
    Optional<String> text = values.text(node, path);
    if (text.isPresent() && !text.get().contains("$")) {
      try {
        ImageRef.parse(text.get());
      } catch (IllegalArgumentException e) {
        values.problems().at(node, path, e.getMessage(), "write it like NAME:TAG, REGISTRY/NAME:TAG or NAME@sha256:DIGEST");
        return Optional.empty();
      }
    }
    return text;
  }
}
