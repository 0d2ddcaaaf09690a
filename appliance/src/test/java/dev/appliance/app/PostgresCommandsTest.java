package dev.appliance.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.appliance.env.process.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore's command line: head ends pg_restore's input after the dump, since the engine cannot. */
class PostgresCommandsTest {

  @TempDir
  Path dir;

  @Test
  void theRestoreReadsExactlyTheDumpsBytesThroughHead() {
    assertEquals(List.of("sh", "-c", "head -c \"$1\" | pg_restore --exit-on-error --single-transaction --dbname=\"$2\"",
        "sh", "123456", "app db"), PostgresCommands.restore("app db", 123456));
  }

  @Test
  void theRestoreEndsWhileItsInputIsStillOpen() throws Exception {
    // A pg_restore that keeps what it read and its arguments, in front of the real one on the PATH.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path fake = bin.resolve("pg_restore");
    Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$OUT/args\"\ncat > \"$OUT/data\"\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> environment = Map.of("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "OUT", dir.toString());
    ProcessRunner.Started started = new ProcessRunner().start(new ProcessRunner.Invocation(
        PostgresCommands.restore("app db", 5), environment, Optional.empty()));
    started.stdin().write("dump!and more that is not the dump".getBytes(StandardCharsets.UTF_8));
    started.stdin().flush();
    started.finish(Duration.ofSeconds(20));
    assertEquals("dump!", Files.readString(dir.resolve("data")));
    assertEquals("--exit-on-error\n--single-transaction\n--dbname=app db\n", Files.readString(dir.resolve("args")));
    started.closeInput();
  }
}
