package dev.appliance.export.kubernetes;

import dev.appliance.export.EnvValue;
import dev.appliance.export.ExportSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ports each service's Kubernetes Service opens. The stack publishes none but the front's: the web service's
 * port is x-appliance/web/port, and the others' are those the other services' environments reach them on
 * ({@code jdbc:postgresql://postgres:5432/app}, {@code redis://redis:6379}), or PostgreSQL's for the database
 * (x-appliance/database), which the dump reaches, when no environment names it.
 *
 * @param ports the ports by service, ascending; a service nobody reaches has none, and no Service
 * @param unported where an environment names a service in a URL without a port
 */
record ServicePorts(Map<String, List<Integer>> ports, List<Reference> unported) {

  /** {@code key} of {@code service}'s environment names {@code target} in a URL without its port. */
  record Reference(String service, String key, String target) {}

  private static final int POSTGRESQL = 5432;

  static ServicePorts of(ExportSource source) {
    Map<String, TreeSet<Integer>> found = new LinkedHashMap<>();
    List<Reference> unported = new ArrayList<>();
    source.stack().services().values().stream().filter(s -> !source.isProxy(s))
        .forEach(s -> found.put(s.name(), new TreeSet<>()));
    found.get(source.stack().appliance().web().service()).add(source.stack().appliance().web().port());
    source.environments().forEach((service, environment) -> environment.forEach((key, value) -> {
      if (value instanceof EnvValue.Plain plain) {
        for (String target : found.keySet()) {
          Matcher matcher = hostIn(target).matcher(plain.value());
          while (matcher.find()) {
            if (matcher.group(1) == null) {
              unported.add(new Reference(service, key, target));
            } else {
              found.get(target).add(Integer.parseInt(matcher.group(1)));
            }
          }
        }
      }
    }));
    source.stack().appliance().database().map(found::get).filter(TreeSet::isEmpty).ifPresent(p -> p.add(POSTGRESQL));
    Map<String, List<Integer>> ports = new LinkedHashMap<>();
    found.forEach((service, set) -> ports.put(service, List.copyOf(set)));
    return new ServicePorts(ports, unported);
  }

  // The host of a URL: after // or a user's @, before a port, a path, a query or the end.
  private static Pattern hostIn(String service) {
    return Pattern.compile("(?://|@)" + Pattern.quote(service) + "(?::([0-9]{1,5}))?(?=[/?#]|$)");
  }

  /** The ports of {@code service}'s Service, none if nobody reaches it. */
  List<Integer> of(String service) {
    return ports.getOrDefault(service, List.of());
  }
}
