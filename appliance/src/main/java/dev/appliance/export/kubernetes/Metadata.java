package dev.appliance.export.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and labels every object gets: its namespace, and the recommended labels, of which name and part-of
 * select a controller's pods (the version changes with every update, so it is no selector).
 */
final class Metadata {

  static final String NAME = "app.kubernetes.io/name";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String VERSION = "app.kubernetes.io/version";

  private final String namespace;
  private final String version;

  /** The stack's objects in {@code namespace}, which is also what they are part of. */
  Metadata(String namespace, String version) {
    this.namespace = namespace;
    this.version = version;
  }

  String namespace() {
    return namespace;
  }

  /** The metadata of the object {@code name} in the namespace. */
  ObjectMeta of(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels(name)).build();
  }

  /** The labels that select the pods of {@code name}. */
  Map<String, String> selector(String name) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, name);
    labels.put(PART_OF, namespace);
    return labels;
  }

  /** The metadata of the pods of {@code name}. */
  ObjectMeta pod(String name) {
    return new ObjectMetaBuilder().withLabels(labels(name)).build();
  }

  private Map<String, String> labels(String name) {
    Map<String, String> labels = selector(name);
    labels.put(VERSION, version);
    return labels;
  }
}
