package dev.appliance.backup;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appliance.containers.StackContainers;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The row counts of the database right after its first migration on this machine, in
 * {@code /data/etc/backup/fresh-database.json}: what a migration alone writes (its own bookkeeping, seed rows). A
 * restore takes a database whose counts are still these for one that holds no data, so that a brand-new appliance
 * restores without {@code --force}. About this machine, so never part of a backup.
 */
public final class FreshDatabase {

  static final String PATH = "etc/backup/fresh-database.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FreshDatabase() {}

  static Path file(HostRoot root) {
    return root.resolve("/data/" + PATH);
  }

  /** Records the row counts of {@code database} in {@code service}, after its first migration here. */
  public static void record(HostRoot root, StackContainers containers, String service, String database)
      throws IOException, InterruptedException {
    Map<String, Long> rows = DatabaseRestore.rowCounts(containers, service, database);
    root.files().write(file(root), "rw-------", JSON.writeValueAsBytes(rows));
  }

  static Optional<Map<String, Long>> read(HostRoot root) throws IOException {
    Path file = file(root);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, Long>>() { })));
  }
}
