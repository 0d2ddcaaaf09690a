package dev.appliance.export;

import java.util.Map;

/** One target of {@code appliance export}: what it refuses of a stack, and the files it writes. */
public interface Exporter {

  /** The target's name, as people say it (Docker Swarm, Kubernetes). */
  String target();

  /** Adds to {@code source.refusals()} what this target cannot express. */
  void refuse(ExportSource source);

  /** The files of the export by their paths in the export directory, in the order they are listed. */
  Map<String, ExportFile> files(ExportSource source);

  /** A file of an export and its permissions ({@code rw-------} for secrets, {@code rwxr-xr-x} for scripts). */
  record ExportFile(String mode, String text) {

    /** A file anyone may read. */
    public static ExportFile plain(String text) {
      return new ExportFile("rw-r--r--", text);
    }

    /** A file only its owner may read: a secret's value. */
    public static ExportFile secret(String text) {
      return new ExportFile("rw-------", text);
    }

    /** A script to run. */
    public static ExportFile script(String text) {
      return new ExportFile("rwxr-xr-x", text);
    }
  }
}
