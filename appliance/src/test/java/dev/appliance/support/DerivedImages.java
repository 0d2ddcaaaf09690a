package dev.appliance.support;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Versions of the reference application made for a test: images built FROM appliance/reference-app:2, a few lines added. */
public final class DerivedImages {

  private DerivedImages() {}

  /** Builds {@code tag} from version 2 and {@code dockerfile}, with {@code files} (name to content) in its context. */
  public static void build(DockerClient docker, Path work, String tag, String dockerfile, Map<String, String> files)
      throws IOException {
    Path context = Files.createDirectories(work.resolve("build-" + tag.replaceAll("[^a-z0-9]", "-")));
    Files.writeString(context.resolve("Dockerfile"), "FROM appliance/reference-app:2\n" + dockerfile);
    for (Map.Entry<String, String> file : files.entrySet()) {
      // COPY keeps the mode (its --chmod needs BuildKit): a healthcheck must stay executable.
      Files.setPosixFilePermissions(Files.writeString(context.resolve(file.getKey()), file.getValue()),
          PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    docker.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withPull(false)
        .exec(new BuildImageResultCallback()).awaitImageId(120, TimeUnit.SECONDS);
  }

  /** Version 2 answering {@code version} on /version, with the same migrations: an update switches to it. */
  public static void sameMigrations(DockerClient docker, Path work, String tag, String version) throws IOException {
    build(docker, work, tag, "ENV APP_VERSION=" + version + "\n", Map.of());
  }

  /**
   * Version 2 answering {@code version}, with two new migrations: V3 makes a table, writes a row and adds a column,
   * then V4 fails (a table that does not exist): an update migrates halfway and must roll back to its dump.
   */
  public static void brokenMigration(DockerClient docker, Path work, String tag, String version) throws IOException {
    build(docker, work, tag, "ENV APP_VERSION=" + version + "\nCOPY V3__notes.sql V4__broken.sql /app/migrations/\n"
        + "LABEL appliance.migrations=1,2,3,4\n", Map.of(
            "V3__notes.sql", "CREATE TABLE notes (id bigserial PRIMARY KEY, body text);\nINSERT INTO notes (body) VALUES ('kept?');\n"
                + "ALTER TABLE documents ADD COLUMN note text;\n",
            "V4__broken.sql", "INSERT INTO no_such_table VALUES (1);\n"));
  }
}
