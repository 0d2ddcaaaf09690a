package dev.appliance.backup;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What of {@code /data} a backup holds: every top-level entry but the live PostgreSQL cluster (copied while it runs
 * it is inconsistent; the dump stands for it), {@code lost+found}, and what a restore made beside the data
 * ({@code .restore-*}, {@code .before-restore-*}, {@code .before-mirror-*}, {@code .before-first-mirror-*}, {@code .incomplete-restore}); inside, neither this machine's open alerts
 * ({@code etc/alerts}: about this machine, not the data) nor the backup's own state ({@code etc/backup/state}: a fresh
 * machine learns it from the repository) nor the row counts of this machine's fresh database and the time its
 * backup-age watch began, nor the update journal ({@code etc/update.json}: the backup before an update is taken in
 * its middle, and a restored journal would make the restored machine finish an update it never began). Everything else is in: {@code etc} (the manifest, the ACME account and
 * state), {@code ca} (the client-certificate CA's issued index and CRL), {@code tls}, the file vault, the
 * pre-migration dumps in {@code pgdump}, and whatever the stack keeps there besides.
 */
public final class BackupContents {

  /** Top-level entries of /data left out. */
  static final Set<String> LEFT_OUT = Set.of("postgresql", "lost+found");
  /** Top-level entries a restore makes beside the data (what it restores, what it moved aside), never backed up. */
  static final List<String> RESTORE_PREFIXES = List.of(".restore-", ".before-restore-", ".before-mirror-",
      ".before-first-mirror-", ".incomplete-restore");
  /** Paths under /data left out, as restic's excludes (absolute). */
  static final List<String> EXCLUDED = List.of("etc/alerts", "etc/backup/state", FreshDatabase.PATH,
      BackupAge.WATCHED_SINCE, "etc/update.json");

  private final HostRoot root;

  public BackupContents(HostRoot root) {
    this.root = root;
  }

  public Path data() {
    return root.resolve("/data");
  }

  /** The top-level entries backed up, relative to /data. */
  List<String> topLevel() throws IOException {
    try (Stream<Path> entries = Files.list(data())) {
      return entries.map(p -> p.getFileName().toString()).filter(BackupContents::included).sorted().toList();
    }
  }

  /** The excluded paths as restic matches them (absolute), and the atomic writer's files being written. */
  List<String> excludes() {
    List<String> excludes = new java.util.ArrayList<>(EXCLUDED.stream().map(p -> data().resolve(p).toString()).toList());
    excludes.add(WRITING);
    return excludes;
  }

  /** What {@link #forEachFile} hands on: a regular file, relative to /data, and its attributes. */
  @FunctionalInterface
  interface FileVisit {
    void visit(Path file, String relative, BasicFileAttributes attributes) throws IOException;
  }

  /** Walks the regular files under {@code data} that a backup holds (links not followed). */
  static void forEachFile(Path data, FileVisit visit) throws IOException {
    Files.walkFileTree(data, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        String relative = data.relativize(dir).toString();
        return relative.isEmpty() || included(relative) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String relative = data.relativize(file).toString();
        if (attributes.isRegularFile() && included(relative)) {
          visit.visit(file, relative, attributes);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** The bytes of the regular files a backup holds, without reading them (the free-space gate's estimate). */
  long bytes() throws IOException {
    long[] total = new long[1];
    forEachFile(data(), (file, relative, attributes) -> total[0] += attributes.size());
    return total[0];
  }

  /** The appliance's atomic writer's files being written ({@code .NAME-RANDOM.tmp}): gone a moment later. */
  static final String WRITING = ".*-*.tmp";

  /** Whether {@code relative} (to /data) is part of a backup. */
  static boolean included(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    if (name.startsWith(".") && name.endsWith(".tmp") && name.indexOf('-') > 0) {
      return false;
    }
    String top = relative.contains("/") ? relative.substring(0, relative.indexOf('/')) : relative;
    return !LEFT_OUT.contains(top) && RESTORE_PREFIXES.stream().noneMatch(top::startsWith) && EXCLUDED.stream().noneMatch(e -> relative.equals(e) || relative.startsWith(e + "/"));
  }
}
