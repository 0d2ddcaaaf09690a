package dev.appliance.containers;

import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The order services start in: every dependency before its dependents, file order otherwise, the front proxy last. */
public final class StartOrder {

  private StartOrder() {}

  /** All services of {@code stack} in start order (stop in the reverse). */
  public static List<Service> of(Stack stack) {
    Set<String> ordered = new LinkedHashSet<>();
    stack.services().values().stream()
        .filter(s -> !isProxy(stack, s))
        .forEach(s -> visit(stack, s, ordered));
    stack.appliance().proxy().ifPresent(p -> visit(stack, stack.services().get(p), ordered));
    List<Service> services = new ArrayList<>();
    ordered.forEach(name -> services.add(stack.services().get(name)));
    return services;
  }

  /** The services {@code service} needs, transitively, in start order, without itself. */
  public static List<Service> dependenciesOf(Stack stack, String service) {
    Set<String> ordered = new LinkedHashSet<>();
    visit(stack, stack.services().get(service), ordered);
    ordered.remove(service);
    return ordered.stream().map(stack.services()::get).toList();
  }

  /** Whether {@code service} is the front proxy. */
  public static boolean isProxy(Stack stack, Service service) {
    return stack.appliance().proxy().filter(service.name()::equals).isPresent();
  }

  private static void visit(Stack stack, Service service, Set<String> ordered) {
    if (ordered.contains(service.name())) {
      return;
    }
    // The stack reader refuses cycles, so this recursion ends.
    service.dependsOn().keySet().forEach(d -> visit(stack, stack.services().get(d), ordered));
    ordered.add(service.name());
  }
}
