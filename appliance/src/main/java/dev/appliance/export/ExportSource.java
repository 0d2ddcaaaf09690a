package dev.appliance.export;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig;
import dev.appliance.proxy.FrontConfig;
import dev.appliance.stack.ImageRef;
import dev.appliance.stack.Interpolation;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Service;
import dev.appliance.stack.StackFile;
import dev.appliance.steps.StackVariables;
import dev.appliance.storage.StorageLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an export starts from: the stack as the env resolves it, each service's environment with its secrets told
 * apart, the secrets' values, and the version. Reading it refuses (with the stack's FILE:LINE:COLUMN) what no
 * distributed target can take over from this machine; each target adds its own refusals to {@link #refusals()}.
 *
 * @param stackFile the stack file read
 * @param stack the stack, resolved with the env (secret values included: use {@link #environments} for environments)
 * @param env the env
 * @param environments each service's environment in file order, secrets as {@link EnvValue.Secret}
 * @param secrets the values of the secrets some environment uses, by name
 * @param version the web service's image tag (its digest's first 12 digits, or "latest"), which names the migration
 * @param httpPort the port the front publishes plain HTTP on
 * @param httpsPort the port the front publishes HTTPS on
 * @param refusals where refusals collect
 */
public record ExportSource(Path stackFile, Stack stack, EnvConfig env, Map<String, Map<String, EnvValue>> environments,
    Map<String, String> secrets, String version, int httpPort, int httpsPort, Refusals refusals) {

  /** The label of the node that holds /data and /volatile, where every service that binds them runs. */
  public static final String DATA_NODE_LABEL = "appliance.data";

  // A stand-in for each secret's value while the stack is read a second time: where it turns up tells its use.
  private static final String MARK = "@@appliance-secret@@";

  /** The directory the front's site is bound from on this machine: an export ships the site instead. */
  public static final String FRONT_SITE_DIR = "/app/etc/front";

  /**
   * Reads {@code stackFile} with {@code env}; a stack the appliance could not run is bad input with its problems,
   * and so is one that binds this machine's configuration, publishes ports of a service other than the front,
   * reads an env_file, or puts a secret into a longer text or a command line.
   */
  public static ExportSource read(Path stackFile, EnvConfig env, int httpPort, int httpsPort) throws IOException {
    if (!Files.isRegularFile(stackFile)) {
      throw new Cli.BadInputException("there is no stack file " + stackFile + "; give it with --stack FILE");
    }
    Map<String, String> variables = StackVariables.of(env, httpPort, httpsPort);
    Set<String> secretNames = new LinkedHashSet<>(env.app().secrets().keySet());
    secretNames.add("DATABASE_PASSWORD");
    Map<String, String> marked = new TreeMap<>(variables);
    secretNames.forEach(name -> marked.put(name, MARK + name + MARK));
    Stack stack = read(stackFile, Interpolation.of(variables));
    Stack markedStack = read(stackFile, Interpolation.of(marked));
    Refusals refusals = new Refusals(stackFile, StackPositions.of(stackFile));
    Map<String, Map<String, EnvValue>> environments = new LinkedHashMap<>();
    Map<String, String> secrets = new TreeMap<>();
    for (Service service : markedStack.services().values()) {
      String path = "services/" + service.name();
      Map<String, EnvValue> environment = new LinkedHashMap<>();
      service.environment().forEach((key, value) -> {
        Optional<String> whole = wholeSecret(value);
        if (whole.isPresent()) {
          environment.put(key, new EnvValue.Secret(whole.get()));
          secrets.put(whole.get(), variables.get(whole.get()));
        } else if (value.contains(MARK)) {
          refusals.at(path + "/environment/" + key, "holds a secret inside a longer value, which would have to be"
              + " written out in plain text", "hand the secret over in a variable of its own"
              + " (NAME: ${NAME}) and let the application put the value together");
        } else {
          environment.put(key, new EnvValue.Plain(stack.services().get(service.name()).environment().get(key)));
        }
      });
      environments.put(service.name(), environment);
      refuseMachineBound(service, markedStack, refusals);
    }
    return new ExportSource(stackFile, stack, env, environments, secrets, version(stack), httpPort, httpsPort, refusals);
  }

  private static void refuseMachineBound(Service service, Stack stack, Refusals refusals) {
    String path = "services/" + service.name();
    boolean proxy = stack.appliance().proxy().equals(Optional.of(service.name()));
    for (String key : List.of("command", "entrypoint", "healthcheck", "labels", "user", "image")) {
      if (field(service, key).contains(MARK)) {
        refusals.at(path + "/" + key, "holds a secret, which a distributed engine shows to anyone who may inspect the"
            + " service", "pass the secret through environment (KEY: ${" + "NAME})");
      }
    }
    if (!proxy) {
      for (int i = 0; i < service.ports().size(); i++) {
        refusals.at(path + "/ports/" + i, "publishes a port on this machine's 127.0.0.1, which a cluster has no"
            + " counterpart of (it would publish on every node's addresses)", "remove the port: the services reach"
            + " each other by name, and visitors come through the front");
      }
    }
    if (!service.envFiles().isEmpty()) {
      refusals.at(path + "/env_file", "is read from this machine's files", "write the values under environment");
    }
    if (service.image().isEmpty()) {
      refusals.at(path + "/build", "has no image name, so the nodes could not find the image it builds",
          "add image: NAME:TAG beside build");
    }
    for (int i = 0; i < service.volumes().size(); i++) {
      BindMount mount = service.volumes().get(i);
      if (mount.host().startsWith("/app/etc") && !(proxy && mount.host().equals(FRONT_SITE_DIR))) {
        refusals.at(path + "/volumes/" + i, mount.host() + " is this machine's configuration, which an export does"
            + " not carry", "mount a directory under /data instead");
      }
    }
  }

  private static String field(Service service, String key) {
    return switch (key) {
      case "command" -> String.valueOf(service.command());
      case "entrypoint" -> String.valueOf(service.entrypoint());
      case "healthcheck" -> String.valueOf(service.healthcheck());
      case "labels" -> String.valueOf(service.labels());
      case "user" -> String.valueOf(service.user());
      default -> String.valueOf(service.image());
    };
  }

  private static Optional<String> wholeSecret(String value) {
    if (value.startsWith(MARK) && value.endsWith(MARK) && value.length() > 2 * MARK.length()) {
      String name = value.substring(MARK.length(), value.length() - MARK.length());
      return name.contains(MARK) ? Optional.empty() : Optional.of(name);
    }
    return Optional.empty();
  }

  private static Stack read(Path file, Interpolation interpolation) throws IOException {
    try {
      return StackFile.read(file, interpolation);
    } catch (StackFile.InvalidStackException e) {
      throw new Cli.BadInputException(String.join("\n", e.lines()) + "\n" + file
          + " is not a stack the appliance can run; fix the problems above");
    }
  }

  private static String version(Stack stack) {
    ImageRef image = ImageRef.parse(stack.services().get(stack.appliance().web().service()).image().orElse("web"));
    String version = image.tag().or(() -> image.digest().map(d -> d.substring(d.indexOf(':') + 1, d.indexOf(':') + 13)))
        .orElse(ImageRef.DEFAULT_TAG);
    return version.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /** The service named {@code name}. */
  public Service service(String name) {
    return stack.services().get(name);
  }

  /** Whether {@code service} is the front proxy. */
  public boolean isProxy(Service service) {
    return stack.appliance().proxy().equals(Optional.of(service.name()));
  }

  /** Whether {@code service} binds a directory under /data or /volatile, which pins it to the data node. */
  public static boolean bindsData(Service service) {
    return service.volumes().stream().anyMatch(m -> m.host().startsWith("/data/") || m.host().startsWith("/volatile/"));
  }

  /** The mounts of {@code service} that are the data node's directories (all but the front's site). */
  public static List<BindMount> dataMounts(Service service) {
    return service.volumes().stream().filter(m -> !m.host().startsWith("/app/etc")).toList();
  }

  /** The front's nginx site for this env and stack, proxying to {@code webHost} (the web service's name there). */
  public String frontSite(String webHost) {
    return FrontConfig.of(stack, env, httpsPort).towards(webHost).render();
  }

  /**
   * The directories under /data and /volatile that services bind, with the owners and modes the appliance gives
   * them (its own layout, then the stack's x-appliance/directories), parents first: what the data node needs
   * before the services start there.
   */
  public List<StorageLayout.Dir> dataDirectories() {
    Set<String> bound = new LinkedHashSet<>();
    stack.services().values().forEach(s -> dataMounts(s).forEach(m -> bound.add(m.host())));
    List<StorageLayout.Dir> dirs = new ArrayList<>();
    for (StorageLayout.Dir dir : StorageLayout.DIRS) {
      if (bound.stream().anyMatch(b -> b.equals(dir.path()) || b.startsWith(dir.path() + "/"))) {
        dirs.add(dir);
      }
    }
    for (Stack.Directory dir : stack.appliance().directories()) {
      dirs.add(new StorageLayout.Dir(dir.path(), dir.uid(), dir.gid(), dir.mode()));
    }
    for (String path : bound) {
      if (dirs.stream().noneMatch(d -> d.path().equals(path))) {
        dirs.add(new StorageLayout.Dir(path, 0, 0, "rwxr-xr-x"));
      }
    }
    return dirs;
  }
}
