package dev.appliance.update;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The update journal, {@code /data/etc/update.json}: from which version to which, how ({@link Kind}), and the last
 * state reached, written atomically on every step. An update whose journal is not at an end ({@link #unfinished()})
 * is resumed or rolled back before anything else touches the application ({@link UpdateRecovery}).
 *
 * @param migrates whether the update migrates the database (only then does a rollback by hand restore the dump)
 * @param dump the database dump taken before the migration, once there is one
 * @param owner the database's owner when the dump was taken (it is created again with it)
 * @param rows every table's row count when the dump was taken (a restored database must show the same)
 */
public record UpdateJournal(Version from, Version to, Kind kind, boolean migrates, State state, Optional<String> dump,
    Optional<String> owner, Map<String, Long> rows, Instant started, Instant changed, String message) {

  /** The journal's path under the root. */
  public static Path file(HostRoot root) {
    return root.resolve("/data/etc/update.json");
  }

  /**
   * A version: its label for people, its stack file, its images' IDs ({@code IMAGE -> ID}), and for the images named
   * with a registry, the digest the pull got ({@code IMAGE -> REPOSITORY@sha256:...}): the content pinned, whatever
   * the tag names later.
   */
  public record Version(@JsonProperty("label") String label, @JsonProperty("stack") String stack,
      @JsonProperty("images") Map<String, String> images, @JsonProperty("digests") Map<String, String> digests) {
    public Version {
      images = Map.copyOf(new TreeMap<>(images));
      digests = digests == null ? Map.of() : Map.copyOf(new TreeMap<>(digests));
    }
  }

  /** How the update goes. */
  public enum Kind {
    /** The new web container beside the old one, the front switched to it: no request fails. */
    SWITCH("switch"),
    /** Behind the maintenance page: the database's users stopped, dumped, migrated, the new version started. */
    MAINTENANCE("maintenance");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    @JsonValue
    public String word() {
      return word;
    }
  }

  /** The states an update reaches, in order; the last three end it. */
  public enum State {
    PREFLIGHT("preflight"),
    BACKED_UP("backed up"),
    DUMPED("dumped"),
    MIGRATED("migrated"),
    CANDIDATE_UP("candidate up"),
    SWITCHED("switched"),
    /** Going back to the version it came from (automatically, or by {@code appliance rollback}). */
    ROLLING_BACK("rolling back"),
    DONE("done"),
    ROLLED_BACK("rolled back"),
    NOT_ATTEMPTED("not attempted"),
    FAILED("failed");

    private final String word;

    State(String word) {
      this.word = word;
    }

    @JsonValue
    public String word() {
      return word;
    }

    /** Whether the update ended in this state. */
    public boolean end() {
      return this == DONE || this == ROLLED_BACK || this == NOT_ATTEMPTED || this == FAILED;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public UpdateJournal {
    rows = Map.copyOf(rows);
    started = started.truncatedTo(ChronoUnit.SECONDS);
    changed = changed.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A new journal at {@link State#PREFLIGHT}. */
  static UpdateJournal begin(Version from, Version to, Kind kind, boolean migrates, Instant now) {
    return new UpdateJournal(from, to, kind, migrates, State.PREFLIGHT, Optional.empty(), Optional.empty(), Map.of(), now,
        now, "");
  }

  /** Whether the update has not ended: it must be resumed or rolled back. */
  public boolean unfinished() {
    return !state.end();
  }

  /**
   * Whether the update may be replacing containers now: unfinished and past its preflight (during the backup before
   * it, nothing is replaced, and a supervisor keeps restarting what dies).
   */
  public boolean replacing() {
    return unfinished() && state != State.PREFLIGHT;
  }

  /** This journal at {@code next}, with {@code why} as its message. */
  UpdateJournal at(State next, Instant now, String why) {
    return new UpdateJournal(from, to, kind, migrates, next, dump, owner, rows, started, now, why);
  }

  /** This journal with the dump taken before the migration, the database's owner and the row counts it holds. */
  UpdateJournal dumped(Path file, String databaseOwner, Map<String, Long> counts, Instant now) {
    return new UpdateJournal(from, to, kind, migrates, State.DUMPED, Optional.of(file.toString()),
        Optional.of(databaseOwner), counts, started, now, "");
  }

  /** One line for people: {@code from X to Y: STATE at TIME}. */
  public String describe() {
    return "from " + from.label() + " to " + to.label() + " (" + kind.word() + "): " + state.word() + " at " + changed
        + (message.isEmpty() ? "" : " (" + message + ")");
  }

  /** The journal of the root, if an update was ever run there. */
  public static Optional<UpdateJournal> read(HostRoot root) throws IOException {
    Path file = file(root);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Stored stored = JSON.readValue(file.toFile(), Stored.class);
      if (stored == null || stored.from() == null || stored.to() == null || stored.kind() == null || stored.state() == null
          || stored.started() == null || stored.changed() == null) {
        throw new IOException("from, to, kind, state, started or changed is missing");
      }
      return Optional.of(stored.journal());
    } catch (IOException | RuntimeException e) {
      String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
          ? json.getOriginalMessage() + (json.getLocation() == null ? "" : " at line " + json.getLocation().getLineNr())
          : e.getMessage();
      throw new IOException("the update journal " + file + " cannot be read (" + why + "); move it aside once the"
          + " appliance serves the version you want (appliance status)", e);
    }
  }

  /** Writes the journal atomically. */
  void write(HostRoot root) throws IOException {
    root.files().write(file(root), "rw-------", JSON.writeValueAsString(Stored.of(this)) + "\n");
  }

  /** The file's shape: plain fields, absent values as null. */
  record Stored(@JsonProperty("from") Version from, @JsonProperty("to") Version to, @JsonProperty("kind") Kind kind,
      @JsonProperty("migrates") boolean migrates, @JsonProperty("state") State state, @JsonProperty("dump") String dump,
      @JsonProperty("owner") String owner, @JsonProperty("rows") Map<String, Long> rows,
      @JsonProperty("started") String started, @JsonProperty("changed") String changed,
      @JsonProperty("message") String message) {

    static Stored of(UpdateJournal j) {
      return new Stored(j.from(), j.to(), j.kind(), j.migrates(), j.state(), j.dump().orElse(null), j.owner().orElse(null),
          new TreeMap<>(j.rows()),
          j.started().toString(), j.changed().toString(), j.message());
    }

    UpdateJournal journal() {
      return new UpdateJournal(from, to, kind, migrates, state, Optional.ofNullable(dump), Optional.ofNullable(owner),
          rows == null ? Map.of() : rows,
          Instant.parse(started), Instant.parse(changed), message == null ? "" : message);
    }
  }
}
