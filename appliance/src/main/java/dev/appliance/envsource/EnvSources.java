package dev.appliance.envsource;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where prepare-env looks for the env, first found wins: {@code --env FILE}, {@code /app/env.yml}, the {@code cidata}
 * drive, the {@code config-2} drive, then the metadata service.
 */
public final class EnvSources {

  /** The winning source and what it held. */
  public record Found(EnvSource source, byte[] content) {}

  private final List<EnvSource> sources;

  private EnvSources(List<EnvSource> sources) {
    this.sources = List.copyOf(sources);
  }

  /** The usual order; {@code metadata} empty leaves the metadata service out. */
  public static EnvSources standard(HostRoot root, ProcessRunner processes, Optional<Path> explicit, Optional<URI> metadata) {
    List<EnvSource> sources = new ArrayList<>();
    explicit.ifPresent(file -> sources.add(new EnvFile("file", file)));
    sources.add(new EnvFile("local file", root.resolve("/app/env.yml")));
    sources.add(LabelledDrive.noCloud(root, processes));
    sources.add(LabelledDrive.configDrive(root, processes));
    metadata.ifPresent(url -> sources.add(new MetadataService(url)));
    return new EnvSources(sources);
  }

  /** The first source that has an env; each one tried is reported to {@code log}. */
  public Optional<Found> find(Consumer<String> log) throws IOException {
    for (EnvSource source : sources) {
      Optional<byte[]> content;
      try {
        content = source.read();
      } catch (IOException e) {
        log.accept("no env: " + e.getMessage());
        continue;
      }
      if (content.isPresent()) {
        log.accept("env found: " + source.describe());
        return Optional.of(new Found(source, content.get()));
      }
      log.accept("no env: " + source.describe());
    }
    return Optional.empty();
  }

  /** The places looked at, for the message when none has an env. */
  public List<String> described() {
    return sources.stream().map(EnvSource::describe).toList();
  }
}
