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
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new Cli.BadInputException(dir + " is not a directory; give a new directory to export to");
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

  /** Writes {@code files}, each atomically with its mode, after removing an earlier export's. */
  public void write(Map<String, ExportFile> files) throws IOException {
    check();
    // The operator names the directory: anywhere on this machine, so the host seam is rooted at its file system's root.
    HostFiles hostFiles = new HostRoot(dir.getRoot()).files();
    if (Files.isDirectory(dir)) {
      hostFiles.deleteTree(dir);
    }
    hostFiles.createDirectories(dir);
    for (Map.Entry<String, ExportFile> file : files.entrySet()) {
      Path target = dir.resolve(file.getKey()).normalize();
      hostFiles.createDirectories(target.getParent());
      hostFiles.write(target, file.getValue().mode(), file.getValue().text());
    }
  }
}
