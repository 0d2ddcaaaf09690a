package dev.appliance.app;

import dev.appliance.containers.StackContainers;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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
  private final Clock clock;

  public DatabaseDump(HostRoot root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** Dumps {@code database} from {@code service}; returns the dump file. */
  public Path dump(StackContainers containers, String service, String database) throws IOException, InterruptedException {
    Path target = root.dumps().resolve(database + "-" + STAMP.format(clock.instant()) + ".pgdump");
    try {
      write(containers, service, database, target);
    } catch (InterruptedIOException e) {
      throw new InterruptedException(e.getMessage());
    }
    return target;
  }

  private void write(StackContainers containers, String service, String database, Path target) throws IOException {
    root.files().write(target, "rw-------", out -> {
      StringBuilder errors = new StringBuilder();
      CountingStream counted = new CountingStream(out);
      long code;
      try {
        code = containers.exec(service, "postgres", PostgresCommands.dump(database), counted, errors);
      } catch (InterruptedException e) {
        // Carried out of the writer as an I/O failure, rethrown below as what it is: a stop, not a failed dump.
        throw new InterruptedIOException("interrupted while dumping " + database);
      }
      if (code != 0 || counted.bytes() == 0) {
        throw new DumpFailedException("pg_dump of " + database + " in " + service + " failed (exit " + code + "): "
            + errors.toString().strip());
      }
    });
  }
}
