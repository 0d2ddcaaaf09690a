package dev.appliance.stack;

import dev.appliance.env.types.Suggestions;
import dev.appliance.stack.Stack.BindMount;
import dev.appliance.stack.Stack.Directory;
import dev.appliance.stack.Stack.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code x-appliance/directories}: the owner and mode of each bind-mounted directory, so that an image whose
 * user is not root can write to its own mount.
 */
final class DirectoriesReader {

  private static final List<String> KEYS = List.of("path", "owner", "mode");
  /** Only the places the appliance keeps (/data) or may lose (/volatile); /app/etc and the rest stay root's. */
  private static final List<String> ROOTS = List.of("/data", "/volatile");
  private static final Pattern OWNER = Pattern.compile("(\\d{1,5}):(\\d{1,5})");
  private static final int MAX_ID = 65535;
  private static final String EXAMPLE = "write - {path: /data/NAME, owner: \"UID:GID\", mode: \"0750\"}";

  private final NodeValues values;

  DirectoriesReader(NodeValues values) {
    this.values = values;
  }

  private record Owner(int uid, int gid) {}

  List<Directory> read(Node node, Map<String, Service> services) {
    if (!(node instanceof SequenceNode sequence)) {
      values.problems().at(node, "x-appliance/directories", "should be a list", EXAMPLE);
      return List.of();
    }
    List<BindMount> mounts = services.values().stream().flatMap(s -> s.volumes().stream()).toList();
    List<Directory> directories = new ArrayList<>();
    Map<String, String> first = new HashMap<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String path = "x-appliance/directories/" + i;
      Optional<Directory> directory = directory(item, path, services.isEmpty() ? Optional.empty() : Optional.of(mounts));
      String earlier = directory.map(d -> first.putIfAbsent(d.path(), path)).orElse(null);
      if (earlier != null) {
        // Two owners for one directory: whichever came last would win silently.
        values.problems().at(item, path, directory.get().path() + " is already declared at " + earlier,
            "keep one entry per directory");
      } else {
        directory.ifPresent(directories::add);
      }
    }
    return directories;
  }

  /** One entry; {@code mounts} is empty when there are no services, which is reported once elsewhere. */
  private Optional<Directory> directory(Node item, String path, Optional<List<BindMount>> mounts) {
    if (!(item instanceof MappingNode mapping)) {
      values.problems().at(item, path, "should be a directory with a path, an owner and a mode", EXAMPLE);
      return Optional.empty();
    }
    Map<String, Node> keys = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = NodeValues.key(tuple);
      if (KEYS.contains(key)) {
        keys.put(key, tuple.getValueNode());
      } else {
        values.problems().at(tuple.getKeyNode(), path + "/" + key, "unknown key", Suggestions.didYouMean(key, KEYS)
            .map(s -> "did you mean '" + s + "'?").orElse("the keys here are: path, owner, mode"));
      }
    }
    if (!keys.keySet().containsAll(KEYS)) {
      values.problems().at(item, path, "needs a path, an owner and a mode", EXAMPLE);
    }
    Optional<String> host = Optional.ofNullable(keys.get("path")).flatMap(n -> hostPath(n, path + "/path", mounts));
    Optional<Owner> owner = Optional.ofNullable(keys.get("owner")).flatMap(n -> owner(n, path + "/owner"));
    Optional<String> mode = Optional.ofNullable(keys.get("mode")).flatMap(n -> mode(n, path + "/mode"));
    if (host.isEmpty() || owner.isEmpty() || mode.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Directory(host.get(), owner.get().uid(), owner.get().gid(), mode.get()));
  }

  private Optional<String> hostPath(Node node, String path, Optional<List<BindMount>> mounts) {
    Optional<String> text = values.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String host = text.get();
    String normal = Path.of(host).normalize().toString();
    if (!host.startsWith("/")) {
      values.problems().at(node, path, "'" + host + "' is not an absolute path", "write the host path from /, like /data/NAME");
    } else if (!normal.equals(host)) {
      // The path is compared with the mounts' and applied as written; an unnormalised one could name another place.
      values.problems().at(node, path, "'" + host + "' is not a normalised path", "write it as " + normal);
    } else if (ROOTS.stream().noneMatch(root -> host.startsWith(root + "/"))) {
      values.problems().at(node, path, "'" + host + "' is not a directory inside /data or /volatile",
          "only directories the appliance keeps (/data) or may lose (/volatile) can be given to another owner");
    } else if (Directory.APPLIANCE_OWN.stream().anyMatch(own -> (host + "/").startsWith(own + "/"))) {
      String own = Directory.APPLIANCE_OWN.stream().filter(o -> (host + "/").startsWith(o + "/")).findFirst().orElseThrow();
      values.problems().at(node, path, "'" + host + "' is in the appliance's own " + own + ", whose owner and mode it sets",
          "choose a directory of the application's own, like /data/NAME");
    } else if (mounts.isPresent() && mounts.get().stream().noneMatch(m -> host.equals(m.host()) || host.startsWith(m.host() + "/"))) {
      List<String> hosts = mounts.get().stream().map(BindMount::host).distinct().toList();
      // The usual slip is the parent of a mount: the service sees only the mount, so the owner goes there.
      List<String> below = hosts.stream().filter(h -> h.startsWith(host + "/")).toList();
      values.problems().at(node, path, "no service mounts " + host + " or a directory above it", !below.isEmpty()
          ? "declare the mounted " + String.join(", ", below) + " instead"
          : Suggestions.didYouMean(host, hosts).map(s -> "did you mean '" + s + "'?")
              .orElse("mount it in a service's volumes, like - " + host + ":" + host));
    } else {
      return Optional.of(host);
    }
    return Optional.empty();
  }

  private Optional<Owner> owner(Node node, String path) {
    Optional<String> text = values.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = OWNER.matcher(text.get());
    if (m.matches() && Integer.parseInt(m.group(1)) <= MAX_ID && Integer.parseInt(m.group(2)) <= MAX_ID) {
      return Optional.of(new Owner(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
    // Numeric, because the users live in the images, not on the host.
    values.problems().at(node, path, "'" + text.get() + "' is not UID:GID with numbers from 0 to " + MAX_ID,
        "write the numeric IDs of the image's user in quotes, like \"33:33\" for www-data in Debian");
    return Optional.empty();
  }

  /** An octal mode of 3 or 4 digits, as {@code rwxr-x---}. */
  private Optional<String> mode(Node node, String path) {
    Optional<String> text = values.text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String mode = text.get();
    if (!mode.matches("[0-7]{3,4}")) {
      values.problems().at(node, path, "'" + mode + "' is not an octal mode", "write 3 or 4 octal digits in quotes, like \"0750\"");
      return Optional.empty();
    }
    if (mode.length() == 4 && mode.charAt(0) != '0') {
      values.problems().at(node, path, "'" + mode + "' sets setuid, setgid or sticky bits, which the appliance never sets",
          "write \"0" + mode.substring(1) + "\"");
      return Optional.empty();
    }
    int bits = Integer.parseInt(mode, 8);
    StringBuilder symbolic = new StringBuilder();
    for (int bit = 8; bit >= 0; bit--) {
      symbolic.append((bits & (1 << bit)) != 0 ? "rwx".charAt(2 - bit % 3) : '-');
    }
    return Optional.of(symbolic.toString());
  }
}
