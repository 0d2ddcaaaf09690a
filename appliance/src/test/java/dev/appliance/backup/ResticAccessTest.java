package dev.appliance.backup;

import static dev.appliance.backup.ResticRepositoryTest.PASSWORD;
import static dev.appliance.backup.ResticRepositoryTest.REST;
import static dev.appliance.backup.ResticRepositoryTest.S3;
import static dev.appliance.backup.ResticRepositoryTest.SSH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.Retention;
import dev.appliance.env.model.EnvConfig.SshAccess;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** restic's secrets reach it as files of the appliance's own, never as arguments or plain variables. */
class ResticAccessTest {

  @TempDir
  Path dir;

  private HostRoot root() {
    return new HostRoot(dir);
  }

  private ResticRepository repository(String url) {
    return ResticRepository.of(root(), URI.create(url), PASSWORD, Optional.of(SSH), Optional.of(REST), Optional.of(S3));
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  @Test
  void theSecretsAreFilesOfTheOwnersAloneThatTheEnvironmentNames() throws Exception {
    ResticRepository repository = repository("sftp://backup@backup.example.org:2222/srv/restic");
    Path files;
    try (ResticAccess access = ResticAccess.open(root(), repository)) {
      Map<String, String> environment = access.environment();
      Path password = Path.of(environment.get("RESTIC_PASSWORD_FILE"));
      files = password.getParent();
      assertTrue(files.startsWith(root().scratch()), files.toString());
      assertEquals("rwx------", mode(files));
      assertEquals(files.resolve("repository"), Path.of(environment.get("RESTIC_REPOSITORY_FILE")));
      assertEquals(PASSWORD.reveal(), Files.readString(password));
      assertEquals("sftp:backup@backup.example.org:/srv/restic", Files.readString(files.resolve("repository")));
      assertEquals(SSH.key().reveal(), Files.readString(files.resolve("ssh-key")), "the key ends with a line break");
      assertEquals("[backup.example.org]:2222 ssh-ed25519 AAAAhost\n", Files.readString(files.resolve("known_hosts")));
      try (var entries = Files.list(files)) {
        List<Path> all = entries.sorted().toList();
        assertEquals(4, all.size(), all.toString());
        for (Path file : all) {
          assertEquals("rw-------", mode(file), file.toString());
        }
      }
      assertEquals(dir.resolve("volatile/cache/restic").toString(), environment.get("RESTIC_CACHE_DIR"));
      assertEquals("UTC", environment.get("TZ"));
      assertEquals(List.of("RESTIC_CACHE_DIR", "RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND", "RESTIC_PASSWORD_FILE",
          "RESTIC_REPOSITORY", "RESTIC_REPOSITORY_FILE", "TZ"), List.copyOf(environment.keySet()),
          "no AWS keys for a repository that is not S3");
      for (String inherited : List.of("RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND", "RESTIC_REPOSITORY")) {
        assertEquals("", environment.get(inherited), inherited + " of the caller's environment cleared");
      }
      assertNoSecretIn(environment.values());
    }
    assertFalse(Files.exists(files), "gone on close");
  }

  @Test
  void aKeyWithoutItsLastLineBreakGetsOneSinceSshRefusesItOtherwise() throws Exception {
    SshAccess access = new SshAccess(Secret.of("  key-line\n\n"), List.of("a", "b"));
    ResticRepository repository = ResticRepository.of(root(), URI.create("sftp://b@h/r"), PASSWORD, Optional.of(access),
        Optional.empty(), Optional.empty());
    try (ResticAccess opened = ResticAccess.open(root(), repository)) {
      Path files = Path.of(opened.environment().get("RESTIC_PASSWORD_FILE")).getParent();
      assertEquals("key-line\n", Files.readString(files.resolve("ssh-key")));
      assertEquals("a\nb\n", Files.readString(files.resolve("known_hosts")));
    }
  }

  @Test
  void onlyAnS3RepositoryHasItsKeysInTheEnvironment() throws Exception {
    try (ResticAccess access = ResticAccess.open(root(), repository("s3://s3.example.org/bucket/appliance"))) {
      Map<String, String> environment = access.environment();
      assertEquals(S3.accessKeyId(), environment.get("AWS_ACCESS_KEY_ID"));
      assertEquals(S3.secretAccessKey().reveal(), environment.get("AWS_SECRET_ACCESS_KEY"));
      List<String> others = new ArrayList<>(environment.values());
      others.remove(S3.secretAccessKey().reveal());
      assertNoSecretIn(others);
      assertEquals(List.of(), access.options(), "no ssh");
    }
  }

  @Test
  void theSftpCommandIsGivenOnlyForSftpWithTheKeyKnownHostsPortAndLogin() throws Exception {
    try (ResticAccess access = ResticAccess.open(root(), repository("sftp://backup@backup.example.org:2222/srv/restic"))) {
      Path files = Path.of(access.environment().get("RESTIC_PASSWORD_FILE")).getParent();
      assertEquals(List.of("-o", "sftp.command=ssh -F none -i " + files.resolve("ssh-key") + " -o UserKnownHostsFile="
          + files.resolve("known_hosts") + " -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes"
          + " -o ConnectTimeout=20 -o ServerAliveInterval=15 -p 2222 backup@backup.example.org -s sftp"), access.options());
    }
    try (ResticAccess access = ResticAccess.open(root(), repository("sftp://backup.example.org/srv/restic"))) {
      assertTrue(access.options().get(1).endsWith(" -p 22 root@backup.example.org -s sftp"), access.options().toString());
    }
    for (String url : List.of("file:///data/backups", "rest+https://rest.example.org/one")) {
      try (ResticAccess access = ResticAccess.open(root(), repository(url))) {
        assertEquals(List.of(), access.options(), url);
        assertFalse(Files.exists(Path.of(access.environment().get("RESTIC_PASSWORD_FILE")).resolveSibling("ssh-key")), url);
      }
    }
  }

  @Test
  void noCommandLineEverHoldsThePasswordOrTheRestLogin() throws Exception {
    for (String url : List.of("rest+https://rest.example.org:8000/one", "sftp://backup@backup.example.org:2222/srv/restic",
        "s3://s3.example.org/bucket/appliance")) {
      try (ResticAccess access = ResticAccess.open(root(), repository(url))) {
        ResticCommands commands = new ResticCommands(access.options());
        Instant time = Instant.parse("2026-12-01T22:30:00Z");
        List<String> tags = BackupTags.of("run-1", BackupTags.FILES, "1.0", "2.0");
        List<List<String>> all = List.of(commands.catConfig(), commands.init(), commands.unlock(), commands.unlockAll(),
            commands.listLocks(), commands.catLock("abc"), commands.backupStdin("app.pgdump", "host", tags, time),
            commands.backupFiles(List.of("etc", "tls"), List.of("/data/etc/alerts"), "host", tags, time),
            commands.check("all"), commands.check("3/7"), commands.snapshots(BackupTags.APPLIANCE),
            commands.forget("host", List.of(BackupTags.APPLIANCE), new Retention(7, 4, 12), true), commands.forgetSnapshots(List.of("a", "b")),
            commands.addTags(List.of("verified", "size=12"), List.of("a")), commands.restore("a", "/tmp/t"),
            commands.dump("a", "app.pgdump"));
        for (List<String> command : all) {
          assertEquals("restic", command.get(0));
          assertNoSecretIn(command);
        }
      }
    }
  }

  /** Neither the repository's password, the rest login (plain or URL-encoded), the ssh key nor the S3 secret. */
  private static void assertNoSecretIn(Collection<String> values) {
    for (String value : values) {
      for (String secret : List.of(PASSWORD.reveal(), REST.password().reveal(), "p%40ss%3Aw", REST.username(),
          "backup%20user", "key-body-42", S3.secretAccessKey().reveal())) {
        assertFalse(value.contains(secret), "'" + value + "' holds " + secret);
      }
    }
  }
}
