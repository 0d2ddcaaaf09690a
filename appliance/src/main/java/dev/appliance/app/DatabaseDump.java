package dev.appliance.app;

import dev.appliance.containers.StackContainers;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The dump taken before every migration: {@code pg_dump -Fc} run inside the database container (as its postgres
 * user, over the local socket), streamed into {@code /data/pgdump/DATABASE-TIMESTAMP.pgdump}, mode 0600. It appears
 * under its final name only once pg_dump succeeded.
 */
public final class DatabaseDump {

  /** pg_dump failed; nothing may be migrated then. */
  public static final class DumpFailedException extends IOException {
    private static final long serialVersionUID = 1L;

    DumpFailedException(String message) {
      super(message);
    }
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final HostRoot root;

  public DatabaseDump(HostRoot root) {
    this.root = root;
  }

  /** Dumps {@code database} from {@code service}; returns the dump file. */
  public Path dump(StackContainers containers, String service, String database) throws IOException, InterruptedException {
    Files.createDirectories(root.dumps());
    Path target = root.dumps().resolve(database + "-" + STAMP.format(Instant.now()) + ".pgdump");
    Path temp = Files.createTempFile(root.dumps(), "." + target.getFileName(), ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      StringBuilder errors = new StringBuilder();
      long code;
      try (OutputStream out = Files.newOutputStream(temp)) {
        code = containers.exec(service, "postgres", List.of("pg_dump", "-Fc", "--dbname=" + database), out, errors);
      }
      if (code != 0 || Files.size(temp) == 0) {
        throw new DumpFailedException("pg_dump of " + database + " in " + service + " failed (exit " + code + "): "
            + errors.toString().strip());
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
