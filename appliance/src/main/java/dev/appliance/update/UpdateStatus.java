package dev.appliance.update;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The updates as status and the metrics show them, from the journal; null fields: never happened.
 *
 * @param running the running version's label (the web service's image and ID), if it ever served
 * @param last the last update in one line ({@link UpdateJournal#describe()})
 * @param state its state's word ({@code done}, {@code rolled back} ...)
 * @param at when it reached that state (ISO-8601)
 * @param succeeded whether it ended in done; null while it is unfinished
 * @param pinned the digests the last update's images were pulled at ({@code REPOSITORY@sha256:...})
 */
public record UpdateStatus(String running, String last, String state, String at, Boolean succeeded, List<String> pinned) {

  /** Reads the journal; {@code running} is the label of the version serving now, if known. */
  public static UpdateStatus read(HostRoot root, Optional<String> running) throws IOException {
    Optional<UpdateJournal> journal;
    try {
      journal = UpdateJournal.read(root);
    } catch (IOException e) {
      return new UpdateStatus(running.orElse(null), e.getMessage(), null, null, null, List.of());
    }
    return new UpdateStatus(running.orElse(null), journal.map(UpdateJournal::describe).orElse(null),
        journal.map(j -> j.state().word()).orElse(null), journal.map(j -> j.changed().toString()).orElse(null),
        journal.filter(j -> !j.unfinished()).map(j -> j.state() == UpdateJournal.State.DONE).orElse(null),
        journal.filter(j -> j.state() == UpdateJournal.State.DONE).map(j -> List.copyOf(j.to().digests().values()))
            .orElse(List.of()));
  }

  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add("version:     " + (running == null ? "none served yet" : running));
    lines.add("update:      " + (last == null ? "none yet" : last));
    pinned.forEach(digest -> lines.add("  pinned:    " + digest));
    if (last != null && state == null) {
      lines.add("  UNREADABLE: the supervisor restarts nothing until the journal is fixed or moved aside");
    } else if (last != null && succeeded == null) {
      lines.add("  UNFINISHED: no restarts until it ends; run: appliance update (it resumes or rolls back)");
    }
    return lines;
  }
}
