package dev.appliance.stack;

import dev.appliance.env.types.Suggestions;
import dev.appliance.stack.Stack.Front;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads {@code x-appliance/front}: the headers the front proxy sends instead of (or besides) its defaults. Each value
 * goes into the front's nginx site, so only what nginx takes literally inside double quotes is allowed.
 */
final class FrontReader {

  private static final List<String> KEYS = List.of("headers");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  // Printable ASCII but the quote and backslash, which would end or escape nginx's string, and $, which starts a variable.
  private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\$]]*");
  private static final int MAX_VALUE = 1024;
  /** Set by the front itself: HSTS on every answer, and these two on the maintenance page. */
  private static final Set<String> FRONT_OWN = Set.of("strict-transport-security", "retry-after", "cache-control");
  /** Each answer's own, which one fixed value for all of them would break. */
  private static final Set<String> ANSWER_OWN = Set.of("connection", "content-length", "content-type",
      "transfer-encoding", "location", "set-cookie", "date", "server");
  private static final String OTHERS = "the front may set other headers, such as X-Frame-Options,"
      + " Content-Security-Policy or Permissions-Policy";

  private final NodeValues values;

  FrontReader(NodeValues values) {
    this.values = values;
  }

  Front read(Node node) {
    Map<String, Optional<String>> headers = new LinkedHashMap<>();
    for (NodeTuple tuple : values.entries(node, "x-appliance/front", "a section")) {
      String key = NodeValues.key(tuple);
      if (key.equals("headers")) {
        headers = headers(tuple.getValueNode());
      } else {
        values.problems().at(tuple.getKeyNode(), "x-appliance/front/" + key, "unknown key",
            Suggestions.didYouMean(key, KEYS).map(s -> "did you mean '" + s + "'?").orElse("the key here is: headers"));
      }
    }
    return new Front(headers);
  }

  private Map<String, Optional<String>> headers(Node node) {
    Map<String, Optional<String>> headers = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>();
    for (NodeTuple tuple : values.entries(node, "x-appliance/front/headers", "a map of Header-Name: value")) {
      String name = NodeValues.key(tuple);
      String path = "x-appliance/front/headers/" + name;
      String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (!NAME.matcher(name).matches()) {
        values.problems().at(tuple.getKeyNode(), path, "'" + name + "' is not a header name",
            "write letters, digits and hyphens, like X-Frame-Options");
      } else if (FRONT_OWN.contains(name.toLowerCase(Locale.ROOT))) {
        values.problems().at(tuple.getKeyNode(), path, name + " is set by the front itself", OTHERS);
      } else if (ANSWER_OWN.contains(name.toLowerCase(Locale.ROOT))) {
        values.problems().at(tuple.getKeyNode(), path, name + " belongs to each answer of the application,"
            + " which one value for all would break", OTHERS);
      } else if (earlier != null) {
        values.problems().at(tuple.getKeyNode(), path, "names " + earlier + " again (header names ignore case)",
            "keep one of the two");
      } else if (NodeValues.isNull(tuple.getValueNode())) {
        headers.put(name, Optional.empty());
      } else {
        value(tuple.getValueNode(), path).ifPresent(v -> headers.put(name, Optional.of(v)));
      }
    }
    return headers;
  }

  private Optional<String> value(Node node, String path) {
    Optional<String> text = values.text(node, path);
    if (text.isEmpty()) {
      return text;
    }
    String value = text.get();
    if (value.isBlank()) {
      values.problems().at(node, path, "is empty", "write null to send no such header");
    } else if (value.length() > MAX_VALUE) {
      values.problems().at(node, path, "is longer than " + MAX_VALUE + " characters", "shorten it");
    } else if (!VALUE.matcher(value).matches()) {
      values.problems().at(node, path, "may hold printable ASCII only, and no double quote, backslash or '$',"
          + " which the front's nginx would read as syntax", "write the value without them");
    } else {
      return text;
    }
    return Optional.empty();
  }
}
