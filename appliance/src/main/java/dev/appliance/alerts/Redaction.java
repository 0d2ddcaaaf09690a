package dev.appliance.alerts;

import dev.appliance.env.model.EnvConfig;
import dev.appliance.env.model.Secret;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes every secret value of the env out of what leaves the machine: an alert's details quote what failed, and a
 * failing program may have echoed a password. Longer values first, so that one secret inside another goes whole.
 */
final class Redaction {

  static final String MARK = "[secret]";
  /** Shorter values would blank ordinary words; the env's generated secrets are far longer. */
  private static final int SHORTEST = 6;

  private final List<String> secrets;

  private Redaction(List<String> secrets) {
    this.secrets = secrets;
  }

  static Redaction of(EnvConfig env) {
    List<String> values = new ArrayList<>();
    collect(env, values);
    values.removeIf(value -> value.length() < SHORTEST);
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redaction(List.copyOf(values));
  }

  static Redaction none() {
    return new Redaction(List.of());
  }

  String apply(String text) {
    String clean = text;
    for (String secret : secrets) {
      clean = clean.replace(secret, MARK);
    }
    return clean;
  }

  Message apply(Message message) {
    Alert alert = message.alert();
    return new Message(message.kind(), new Alert(alert.severity(), alert.key(), apply(alert.summary()),
        apply(alert.details())), message.opened(), apply(message.resolution()), message.origin(),
        message.status().stream().map(this::apply).toList());
  }

  /** Every {@link Secret} in the env's tree of records, lists, maps and optionals. */
  private static void collect(Object value, List<String> into) {
    if (value instanceof Secret secret) {
      into.add(secret.reveal());
    } else if (value instanceof Optional<?> optional) {
      optional.ifPresent(v -> collect(v, into));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(v -> collect(v, into));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(v -> collect(v, into));
    } else if (value instanceof Record record) {
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          collect(component.getAccessor().invoke(record), into);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + component + " of the env", e);
        }
      }
    }
  }
}
