package dev.appliance.export;

import dev.appliance.env.cli.Cli;
import dev.appliance.export.Exporter.ExportFile;
import dev.appliance.host.HostFiles;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory an export is written to: a new or empty one, or an earlier export's (it holds EXPORT-NOTES.md), whose
 * files are all replaced, so that a file the new export no longer has does not linger.
 */
public final class ExportDirectory {

  /** The file every export writes, which also marks a directory as an export's. */
  public static final String NOTES = "EXPORT-NOTES.md";

  private final Path dir;

  public ExportDirectory(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** Refuses (exit 2, nothing written) a directory that holds anything but an earlier export. */
  public void check() throws IOException {
    for (Path path = dir; path != null; path = path.getParent()) {
      if (Files.exists(path) && !Files.isDirectory(path)) {
        throw new Cli.BadInputException(path + " is not a directory; give a new directory to export to");
      }
    }
    if (Files.isDirectory(dir) && !Files.isRegularFile(dir.resolve(NOTES))) {
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new Cli.BadInputException(dir + " holds files that are no export's (no " + NOTES + "); give a new or"
              + " empty directory");
        }
      }
    }
  }

  /**
   * Writes {@code files}, each with its mode, into a new directory beside DIR that then takes the place of an earlier
   * export: a failure half-way leaves the earlier export whole.
   */
  public void write(Map<String, ExportFile> files) throws IOException {
    check();
    // The operator names the directory: anywhere on this machine, so the host seam is rooted at its file system's root.
    HostFiles hostFiles = new HostRoot(dir.getRoot()).files();
    Path next = dir.resolveSibling(dir.getFileName() + ".new");
    hostFiles.deleteTree(next);
    try {
      for (Map.Entry<String, ExportFile> file : files.entrySet()) {
        hostFiles.write(next.resolve(file.getKey()).normalize(), file.getValue().mode(), file.getValue().text());
      }
      hostFiles.deleteTree(dir);
      hostFiles.move(next, dir);
    } finally {
      hostFiles.deleteTree(next);
    }
  }
}
