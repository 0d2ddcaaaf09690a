package dev.appliance.export.kubernetes;

import dev.appliance.stack.Stack.Service;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code user} as the numbers runAsUser and runAsGroup take: {@code UID} or {@code UID:GID}. A name
 * would have to be looked up in the image, which Kubernetes does not do for a security context.
 */
record UserIds(long uid, long gid) {

  private static final Pattern NUMERIC = Pattern.compile("([0-9]{1,10})(?::([0-9]{1,10}))?");

  /** The ids of {@code service}'s user, empty without one or with a name (a refusal). */
  static Optional<UserIds> parse(Service service) {
    return service.user().map(NUMERIC::matcher).filter(Matcher::matches).map(m -> new UserIds(Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2) == null ? m.group(1) : m.group(2))));
  }

  /** Whether {@code service}'s user, if any, can be expressed. */
  static boolean expressible(Service service) {
    return service.user().isEmpty() || parse(service).isPresent();
  }
}
