package dev.appliance.env.spec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The shape of a value: a section of known keys, a list, a map with free keys, a scalar, or pass-through. */
public sealed interface Shape {

  /** A mapping whose keys are exactly the given fields. */
  record Section(List<Field> fields) implements Shape {
    public Optional<Field> field(String name) {
      return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
  }

  /** A sequence of elements of one shape. */
  record ListOf(Shape element) implements Shape {}

  /** A mapping with keys matching {@code keyPattern} (described by {@code keyDoc}) and values of one shape. */
  record MapOf(Pattern keyPattern, String keyDoc, Shape value) implements Shape {}

  /** A single value of a type. */
  record Scalar(ScalarType type) implements Shape {}

  /** A cloud-init key that the appliance hands on to cloud-init unchecked. */
  record PassThrough() implements Shape {}

  static Section section(Field... fields) {
    return new Section(List.of(fields));
  }

  static ListOf listOf(Shape element) {
    return new ListOf(element);
  }

  static Scalar scalar(ScalarType type) {
    return new Scalar(type);
  }

  /** Describes the shape for docs and messages, like "a list of e-mail addresses". */
  default String describe() {
    if (this instanceof Section) {
      return "a section";
    } else if (this instanceof ListOf list) {
      return "a list (each item " + list.element().describe() + ")";
    } else if (this instanceof MapOf map) {
      return "a map (" + map.keyDoc() + ": " + map.value().describe() + ")";
    } else if (this instanceof Scalar scalar) {
      return scalar.type().description();
    }
    return "anything cloud-init accepts";
  }
}
