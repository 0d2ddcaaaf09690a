package dev.appliance.alerts;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
          read(file).ifPresent(record -> records.put(record.alert().key(), record));
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
      root.files().write(file(key), "rw-------", text(record.values()));
      unsaved.remove(key);
    } catch (IOException e) {
      unsaved.put(key, record);
      throw e;
    }
  }

  void remove(String key) throws IOException {
    unsaved.remove(key);
    root.files().delete(file(key));
  }

  /** Properties' own text without the date line it adds (which would be the only time not from the clock). */
  static String text(Properties values) throws IOException {
    StringWriter text = new StringWriter();
    values.store(text, null);
    return text.toString().lines().filter(line -> !line.startsWith("#")).map(line -> line + "\n")
        .reduce("", String::concat);
  }

  private Path file(String key) {
    return root.alerts().resolve(key.replace('/', '+') + SUFFIX);
  }

  /** The properties in {@code file}; empty ones if there is no such file. */
  static Properties load(Path file) throws IOException {
    Properties values = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      values.load(in);
    } catch (NoSuchFileException e) {
      // nothing kept yet
    }
    return values;
  }

  private static Optional<AlertRecord> read(Path file) throws IOException {
    Properties values = load(file);
    // A file cut short by hand is skipped rather than fatal: the next raise of its key writes it whole again.
    return values.containsKey("key") && values.containsKey("severity") && values.containsKey("opened")
        ? Optional.of(AlertRecord.of(values)) : Optional.empty();
  }
}
