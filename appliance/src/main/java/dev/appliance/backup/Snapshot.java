package dev.appliance.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A restic snapshot of the appliance's, as {@code restic snapshots --json} lists it.
 *
 * @param id the full ID
 * @param tags its tags: {@link BackupTags} says what they mean
 */
public record Snapshot(String id, Instant time, String hostname, List<String> tags, List<String> paths) {

  static Snapshot of(JsonNode node) {
    List<String> tags = new ArrayList<>();
    node.path("tags").forEach(tag -> tags.add(tag.asText()));
    List<String> paths = new ArrayList<>();
    node.path("paths").forEach(path -> paths.add(path.asText()));
    return new Snapshot(node.path("id").asText(), Instant.parse(node.path("time").asText()),
        node.path("hostname").asText(), List.copyOf(tags), List.copyOf(paths));
  }

  public String shortId() {
    return id.substring(0, Math.min(8, id.length()));
  }

  /** The value of the tag {@code NAME=VALUE}, if it has one. */
  public Optional<String> tag(String name) {
    return tags.stream().filter(t -> t.startsWith(name + "=")).map(t -> t.substring(name.length() + 1)).findFirst();
  }
}
