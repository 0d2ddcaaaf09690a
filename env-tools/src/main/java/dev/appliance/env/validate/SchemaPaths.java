package dev.appliance.env.validate;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
import java.util.Optional;

/** Finds where a key name lives in the schema, to say "it belongs at appliance/ssl/key" for a misplaced key. */
final class SchemaPaths {

  private SchemaPaths() {}

  /** The first schema path whose last key is {@code name}, searching breadth-first (shallow keys first). */
  static Optional<String> find(String name) {
    for (int depth = 1; depth <= 5; depth++) {
      Optional<String> found = find(EnvSchema.root(), "", name, depth);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> find(Shape shape, String path, String name, int depth) {
    Shape inner = shape instanceof Shape.ListOf list ? list.element() : shape;
    if (depth == 0 || !(inner instanceof Shape.Section section)) {
      return Optional.empty();
    }
    String prefix = shape instanceof Shape.ListOf ? path + "/N" : path;
    for (Field field : section.fields()) {
      String fieldPath = prefix.isEmpty() ? field.name() : prefix + "/" + field.name();
      if (depth == 1 && field.name().equals(name)) {
        return Optional.of(fieldPath);
      }
      Optional<String> deeper = find(field.shape(), fieldPath, name, depth - 1);
      if (deeper.isPresent()) {
        return deeper;
      }
    }
    return Optional.empty();
  }
}
