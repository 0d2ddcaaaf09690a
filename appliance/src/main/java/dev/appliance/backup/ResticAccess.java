package dev.appliance.backup;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What restic needs to open a repository, as files in a directory of the appliance's own under {@code /run} (mode
 * 0700, each file 0600): the password ({@code RESTIC_PASSWORD_FILE}), the repository ({@code RESTIC_REPOSITORY_FILE},
 * since a rest login is part of it), and an sftp server's key and known host keys. Gone on {@link #close}.
 */
public final class ResticAccess implements AutoCloseable {

  private static final String PREFIX = "restic-";

  private final HostRoot root;
  private final ResticRepository repository;
  private final Path dir;

  private ResticAccess(HostRoot root, ResticRepository repository, Path dir) {
    this.root = root;
    this.repository = repository;
    this.dir = dir;
  }

  public static ResticAccess open(HostRoot root, ResticRepository repository) throws IOException {
    removeLeftovers(root);
    Path dir = root.files().temporaryDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    ResticAccess access = new ResticAccess(root, repository, dir);
    try {
      access.write();
    } catch (IOException | RuntimeException e) {
      access.close();
      throw e;
    }
    return access;
  }

  /** The directories of commands that were killed (their PID gone): /run keeps them until the next boot otherwise. */
  private static void removeLeftovers(HostRoot root) throws IOException {
    if (!Files.isDirectory(root.scratch())) {
      return;
    }
    try (Stream<Path> entries = Files.list(root.scratch())) {
      for (Path entry : entries.toList()) {
        String[] parts = entry.getFileName().toString().split("-");
        if (parts.length >= 3 && (PREFIX.equals(parts[0] + "-")) && parts[1].matches("[0-9]{1,10}")
            && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
          root.files().deleteTree(entry);
        }
      }
    }
  }

  private void write() throws IOException {
    root.files().write(dir.resolve("password"), "rw-------", repository.password().reveal());
    root.files().write(dir.resolve("repository"), "rw-------", repository.location());
    if (repository.ssh().isPresent()) {
      var ssh = repository.ssh().get().access();
      String key = ssh.key().reveal().strip() + "\n";
      root.files().write(dir.resolve("ssh-key"), "rw-------", key);
      root.files().write(dir.resolve("known_hosts"), "rw-------", String.join("\n", ssh.knownHosts()) + "\n");
    }
  }

  public ResticRepository repository() {
    return repository;
  }

  /** The variables restic runs with: where its secrets are, its cache on /volatile, times in UTC. */
  Map<String, String> environment() {
    Map<String, String> environment = new TreeMap<>();
    environment.put("RESTIC_PASSWORD_FILE", dir.resolve("password").toString());
    environment.put("RESTIC_REPOSITORY_FILE", dir.resolve("repository").toString());
    environment.put("RESTIC_CACHE_DIR", root.resolve("/volatile/cache/restic").toString());
    environment.put("TZ", "UTC");
    // What an operator's shell may have set must not stand for the env's repository or password.
    for (String inherited : List.of("RESTIC_REPOSITORY", "RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND")) {
      environment.put(inherited, "");
    }
    repository.s3().ifPresent(keys -> {
      environment.put("AWS_ACCESS_KEY_ID", keys.accessKeyId());
      environment.put("AWS_SECRET_ACCESS_KEY", keys.secretAccessKey().reveal());
    });
    return environment;
  }

  /** The options every restic command gets: how an sftp server is reached, with its host key checked. */
  List<String> options() {
    List<String> options = new ArrayList<>();
    repository.ssh().ifPresent(login -> options.addAll(List.of("-o", "sftp.command=ssh -F none -i " + dir.resolve("ssh-key")
        + " -o UserKnownHostsFile=" + dir.resolve("known_hosts") + " -o StrictHostKeyChecking=yes -o BatchMode=yes"
        + " -o IdentitiesOnly=yes -o ConnectTimeout=20 -o ServerAliveInterval=15 -p " + login.port() + " "
        + login.user() + "@" + login.host() + " -s sftp")));
    return options;
  }

  @Override
  public void close() throws IOException {
    root.files().deleteTree(dir);
  }
}
