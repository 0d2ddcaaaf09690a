package dev.appliance.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Restored files held against the manifest: each file is there with its size and SHA-256. The backup runs while the
 * application serves, so a file may change or go between the run's hashing and restic's read: one whose restored
 * modification time is later than the manifest's is counted, not compared (an earlier one is a problem); one that is not there at all was deleted
 * (restic fails a run for a file it cannot read) and is counted too.
 */
final class ManifestCheck {

  /** What the check found. */
  record Result(int checked, long bytes, int changedDuringBackup, int deletedDuringBackup, List<String> problems) {
    boolean ok() {
      return problems.isEmpty();
    }

    String describe() {
      return checked + " files (" + Progress.mib(bytes) + ") match the manifest"
          + (changedDuringBackup == 0 ? "" : ", " + changedDuringBackup + " changed while the backup ran (not compared)")
          + (deletedDuringBackup == 0 ? "" : ", " + deletedDuringBackup + " deleted while it ran (hashed, then gone"
              + " before restic read them)")
          + (problems.isEmpty() ? "" : "; " + problems.size() + " do not: " + String.join("; ",
              problems.subList(0, Math.min(5, problems.size()))) + (problems.size() > 5 ? "; ..." : ""));
    }
  }

  private ManifestCheck() {}

  /** Checks the files under {@code data} (the restored /data) against {@code manifest}. */
  static Result check(Manifest manifest, Path data) throws IOException {
    int checked = 0;
    int changed = 0;
    int deleted = 0;
    long bytes = 0;
    List<String> problems = new ArrayList<>();
    for (Manifest.FileEntry entry : manifest.files()) {
      Path file = data.resolve(entry.path());
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        // restic fails a run (exit 3) for a file it could not read, so a verified run lacks only what was deleted.
        deleted++;
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        problems.add(entry.path() + " is not a regular file");
        continue;
      }
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      long mtime = Manifest.nanos(attributes);
      if (mtime > entry.mtime()) {
        changed++; // written after the run hashed it, before restic read it
      } else if (mtime < entry.mtime()) {
        problems.add(entry.path() + " is older than the manifest says (modified " + mtime + " ns, not " + entry.mtime() + ")");
      } else if (attributes.size() != entry.size()) {
        problems.add(entry.path() + " has " + attributes.size() + " bytes, not " + entry.size());
      } else if (!Manifest.sha256(file).equals(entry.sha256())) {
        problems.add(entry.path() + " has other content (SHA-256 differs)");
      } else {
        checked++;
        bytes += entry.size();
      }
    }
    return new Result(checked, bytes, changed, deleted, problems);
  }
}
