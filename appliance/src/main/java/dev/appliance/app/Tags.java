package dev.appliance.app;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The version tags in {@code /app/etc/tags}: each the stack's image IDs ({@code IMAGE ID} per line) at a moment.
 * {@code last_prepared} when prepare-app made the images ready, {@code last_migrated} after a successful migration,
 * {@code last_running} when everything was healthy, {@code last_failed} when the appliance failed. Written atomically,
 * and only after the step succeeded.
 */
public final class Tags {

  public static final String LAST_PREPARED = "last_prepared";
  public static final String LAST_MIGRATED = "last_migrated";
  public static final String LAST_RUNNING = "last_running";
  public static final String LAST_FAILED = "last_failed";

  private final HostRoot root;
  private final Clock clock;

  public Tags(HostRoot root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  private Path file(String tag) {
    return root.tags().resolve(tag);
  }

  /** The image IDs recorded under {@code tag}. */
  public Optional<Map<String, String>> read(String tag) throws IOException {
    if (!Files.isRegularFile(file(tag))) {
      return Optional.empty();
    }
    Map<String, String> ids = new TreeMap<>();
    for (String line : Files.readAllLines(file(tag))) {
      String[] fields = line.strip().split(" ");
      if (fields.length == 2 && !line.startsWith("#")) {
        ids.put(fields[0], fields[1]);
      }
    }
    return Optional.of(ids);
  }

  /** When {@code tag} was written, from its first line. */
  public Optional<String> written(String tag) throws IOException {
    if (!Files.isRegularFile(file(tag))) {
      return Optional.empty();
    }
    try (var lines = Files.lines(file(tag))) {
      return lines.findFirst().filter(l -> l.startsWith("# ")).map(l -> l.substring(2));
    }
  }

  /** Records {@code ids} under {@code tag}. */
  public void write(String tag, Map<String, String> ids) throws IOException {
    StringBuilder text = new StringBuilder("# " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + "\n");
    new TreeMap<>(ids).forEach((image, id) -> text.append(image).append(' ').append(id).append('\n'));
    root.files().write(file(tag), "rw-r--r--", text.toString());
  }

  /**
   * Whether {@code ids} are a version that has neither run nor been migrated here: only then does a migration run
   * (a failed start of a migrated version must not migrate, nor dump, again).
   */
  public boolean isNewVersion(Map<String, String> ids) throws IOException {
    Optional<Map<String, String>> version = Optional.of(Map.copyOf(ids));
    return !read(LAST_RUNNING).equals(version) && !read(LAST_MIGRATED).equals(version);
  }

  /** Records the version prepared last as the failed one. */
  public void markFailed() throws IOException {
    Optional<Map<String, String>> prepared = read(LAST_PREPARED);
    if (prepared.isPresent()) {
      write(LAST_FAILED, prepared.get());
    }
  }
}
