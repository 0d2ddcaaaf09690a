package dev.appliance.update;

import dev.appliance.containers.ContainerSpec;
import dev.appliance.containers.StartOrder;
import dev.appliance.engine.Engine;
import dev.appliance.host.HostRoot;
import dev.appliance.images.StackImages;
import dev.appliance.stack.Stack;
import dev.appliance.stack.Stack.Service;
import dev.appliance.update.UpdateJournal.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an update changes: the services whose containers differ, whether the database migrates, and so how it goes.
 * It switches without downtime when only the web service and the services nothing else needs (workers) change and
 * the database does not migrate, or migrates compatibly ({@code x-appliance/migrate/compatible}); anything else (a
 * migration, the database, Redis, the front itself, a web service publishing ports) goes behind the maintenance page.
 *
 * @param changed the services whose containers the update replaces, in start order
 * @param why one line saying why the update goes as {@link #kind()} says
 */
record UpdatePlan(Stack from, Map<String, String> fromIds, Stack to, Map<String, String> toIds, List<String> changed,
    boolean migrates, Kind kind, String why) {

  /** The image label that names the migration set an image carries; equal values need no migration. */
  static final String MIGRATIONS_LABEL = "appliance.migrations";

  static UpdatePlan of(Stack from, Map<String, String> fromIds, Stack to, Map<String, String> toIds, HostRoot root,
      Engine engine) {
    List<String> changed = new ArrayList<>();
    Set<String> names = new TreeSet<>(from.services().keySet());
    names.addAll(to.services().keySet());
    for (Service service : StartOrder.of(to)) {
      Service before = from.services().get(service.name());
      if (before == null || !ContainerSpec.of(from, before, root, fromIds).hash()
          .equals(ContainerSpec.of(to, service, root, toIds).hash())) {
        changed.add(service.name());
      }
    }
    boolean sameServices = from.services().keySet().equals(to.services().keySet());
    boolean migrates = to.appliance().migrate().isPresent() && !sameMigrations(from, fromIds, to, toIds, engine);
    String web = to.appliance().web().service();
    Set<String> infrastructure = infrastructure(to);
    List<String> blocking = changed.stream().filter(infrastructure::contains).toList();
    Kind kind;
    String why;
    if (!sameServices) {
      kind = Kind.MAINTENANCE;
      why = "the new stack's services differ (" + String.join(", ", names) + ")";
    } else if (!web.equals(from.appliance().web().service())) {
      kind = Kind.MAINTENANCE;
      why = "the web service is another one";
    } else if (!blocking.isEmpty()) {
      kind = Kind.MAINTENANCE;
      why = String.join(", ", blocking) + " change" + (blocking.size() == 1 ? "s" : "") + ", and the web service needs "
          + (blocking.size() == 1 ? "it" : "them");
    } else if (!to.services().get(web).ports().isEmpty() && changed.contains(web)) {
      kind = Kind.MAINTENANCE;
      why = "the web service publishes ports, which two containers cannot share";
    } else if (migrates && !to.appliance().migrate().get().compatible()) {
      kind = Kind.MAINTENANCE;
      why = "the database migrates (its migration set changes; x-appliance/migrate/compatible is not set)";
    } else {
      kind = Kind.SWITCH;
      why = migrates ? "a compatible migration, then the web service switched without downtime"
          : "no migration: the web service switched without downtime";
    }
    return new UpdatePlan(from, fromIds, to, toIds, List.copyOf(changed), migrates, kind, why);
  }

  /** Whether nothing at all changes. */
  boolean nothing() {
    return changed.isEmpty();
  }

  /** What the plan says, for --check and the log. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("changes: " + (changed.isEmpty() ? "none" : String.join(", ", changed)));
    for (String service : changed) {
      Service before = from.services().get(service);
      Service after = to.services().get(service);
      String was = before == null ? "(new)" : StackImages.imageName(from, before) + " " + shortId(fromIds.get(StackImages.imageName(from, before)));
      lines.add("  " + service + ": " + was + " -> " + StackImages.imageName(to, after) + " "
          + shortId(toIds.get(StackImages.imageName(to, after))));
    }
    lines.add("migration: " + (migrates ? "yes" : "no"));
    lines.add("how: " + kind.word() + " (" + why + ")");
    return lines;
  }

  /**
   * The same migrations: the migration service's image is unchanged, or both images name the same set in
   * {@link #MIGRATIONS_LABEL}. An image without the label migrates whenever it changes.
   */
  private static boolean sameMigrations(Stack from, Map<String, String> fromIds, Stack to, Map<String, String> toIds,
      Engine engine) {
    if (from.appliance().migrate().isEmpty()) {
      return false;
    }
    String beforeId = fromIds.get(StackImages.imageName(from, from.services().get(from.appliance().migrate().get().service())));
    String afterId = toIds.get(StackImages.imageName(to, to.services().get(to.appliance().migrate().get().service())));
    if (beforeId != null && beforeId.equals(afterId)) {
      return true;
    }
    Optional<String> before = Optional.ofNullable(beforeId).map(engine::imageLabels).map(l -> l.get(MIGRATIONS_LABEL));
    Optional<String> after = Optional.ofNullable(afterId).map(engine::imageLabels).map(l -> l.get(MIGRATIONS_LABEL));
    return before.isPresent() && before.equals(after);
  }

  /** The front, the database and every service the web service needs: what the web cannot switch away from. */
  private static Set<String> infrastructure(Stack stack) {
    Set<String> names = StartOrder.dependenciesOf(stack, stack.appliance().web().service()).stream()
        .map(Service::name).collect(Collectors.toCollection(TreeSet::new));
    stack.appliance().proxy().ifPresent(names::add);
    stack.appliance().database().ifPresent(names::add);
    return names;
  }

  static String shortId(String id) {
    if (id == null) {
      return "(missing)";
    }
    String hex = id.replace("sha256:", "");
    return hex.substring(0, Math.min(12, hex.length()));
  }
}
