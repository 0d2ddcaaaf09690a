package dev.appliance.alerts;

import dev.appliance.host.HostRoot;
import dev.appliance.host.PropertiesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * {@code /data/etc/alerts/}: one file per key ({@code KEY.alert}, slashes as {@code +}), written atomically, so that a
 * restart neither sends an open alert again nor forgets it. Plain properties, cheap to read for {@code status}.
 */
public final class AlertStore {

  private static final String SUFFIX = ".alert";

  private final HostRoot root;
  /** Records whose file could not be written (a full or broken /data): kept here, so the alert still goes out. */
  private final Map<String, AlertRecord> unsaved = new ConcurrentHashMap<>();

  public AlertStore(HostRoot root) {
    this.root = root;
  }

  /** An open alert, as status and the metrics show it. */
  public record OpenAlert(Severity severity, String key, String summary, String since) {}

  /** The open alerts, the worst first, then the oldest. */
  public List<OpenAlert> open() throws IOException {
    List<OpenAlert> open = new ArrayList<>();
    for (AlertRecord record : all()) {
      if (record.open()) {
        Alert alert = record.alert();
        open.add(new OpenAlert(alert.severity(), alert.key(), alert.summary(), record.opened().toString()));
      }
    }
    open.sort(Comparator.comparing(OpenAlert::severity).thenComparing(OpenAlert::since));
    return open;
  }

  List<AlertRecord> all() throws IOException {
    Map<String, AlertRecord> records = new TreeMap<>();
    Path dir = root.alerts();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
          try {
            read(file).ifPresent(record -> records.put(record.alert().key(), record));
          } catch (IOException e) {
            // One file that cannot be read (a directory in its place) must not silence every other alert.
          }
        }
      }
    }
    records.putAll(unsaved);
    return new ArrayList<>(records.values());
  }

  Optional<AlertRecord> get(String key) throws IOException {
    AlertRecord kept = unsaved.get(key);
    return kept != null ? Optional.of(kept) : read(file(key));
  }

  /** Writes {@code record}; when that fails it is kept in memory (and the failure thrown, for the log). */
  void put(AlertRecord record) throws IOException {
    String key = record.alert().key();
    try {
      root.files().createDirectories(root.alerts());
      root.files().write(file(key), "rw-------", PropertiesFile.text(record.values()));
      unsaved.remove(key);
    } catch (IOException e) {
      unsaved.put(key, record);
      throw e;
    }
  }

  /** {@link #put}, with a failure logged rather than thrown: the record is kept in memory meanwhile. */
  void keep(AlertRecord record, java.util.function.Consumer<String> log) {
    try {
      put(record);
    } catch (IOException e) {
      log.accept("alerts: cannot keep the state of " + record.alert().key() + " in /data/etc/alerts (kept in memory"
          + " meanwhile): " + e.getMessage());
    }
  }

  void remove(String key) throws IOException {
    unsaved.remove(key);
    root.files().delete(file(key));
  }

  private Path file(String key) {
    return root.alerts().resolve(fileName(key));
  }

  private static String fileName(String key) {
    return key.replace('/', '+') + SUFFIX;
  }

  private static Optional<AlertRecord> read(Path file) throws IOException {
    Properties values = PropertiesFile.load(file);
    // A file cut short or broken is skipped rather than fatal: the next raise of its key writes it whole again.
    return AlertRecord.of(values).filter(record -> file.getFileName().toString().equals(fileName(record.alert().key())));
  }
}
