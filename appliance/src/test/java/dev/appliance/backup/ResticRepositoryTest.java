package dev.appliance.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig.RestLogin;
import dev.appliance.env.model.EnvConfig.S3Keys;
import dev.appliance.env.model.EnvConfig.SshAccess;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How each kind of repository URL the env names becomes what restic is given. */
class ResticRepositoryTest {

  static final Secret PASSWORD = Secret.of("repository-password-71");
  static final SshAccess SSH = new SshAccess(Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nkey-body-42\n"
      + "-----END OPENSSH PRIVATE KEY-----\n"), List.of("[backup.example.org]:2222 ssh-ed25519 AAAAhost"));
  /** Every character that means something in a URL's user info. */
  static final RestLogin REST = new RestLogin("backup user", Secret.of("p@ss:w/rd%2 x"));
  static final S3Keys S3 = new S3Keys("AKIAEXAMPLE", Secret.of("s3-secret-key-99"));

  @TempDir
  Path dir;

  private ResticRepository of(String url) {
    return ResticRepository.of(new HostRoot(dir), URI.create(url), PASSWORD, Optional.of(SSH), Optional.of(REST),
        Optional.of(S3));
  }

  @Test
  void aFileRepositoryIsUnderTheRoot() {
    ResticRepository repository = of("file:///data/backups/restic");
    assertEquals(dir.resolve("data/backups/restic").toString(), repository.location());
    assertEquals("file:///data/backups/restic", repository.shown());
    assertEquals(Optional.empty(), repository.ssh());
    assertEquals(Optional.empty(), repository.s3());
    assertEquals(PASSWORD, repository.password());
  }

  @Test
  void anSftpRepositoryIsResticsOwnSyntaxWithTheLoginAndPort() {
    ResticRepository repository = of("sftp://backup@backup.example.org:2222/srv/restic/one");
    assertEquals("sftp:backup@backup.example.org:/srv/restic/one", repository.location());
    assertEquals(Optional.of(new ResticRepository.SftpLogin(SSH, "backup", "backup.example.org", 2222)), repository.ssh());
    assertEquals(Optional.empty(), repository.s3());

    ResticRepository defaults = of("sftp://backup.example.org/restic");
    assertEquals("sftp:root@backup.example.org:/restic", defaults.location(), "no user: root");
    assertEquals(22, defaults.ssh().orElseThrow().port(), "no port: ssh's own");
  }

  @Test
  void anSftpRepositoryWithoutAnSshKeyIsRefused() {
    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> ResticRepository.of(new HostRoot(dir),
        URI.create("sftp://backup@backup.example.org/restic"), PASSWORD, Optional.empty(), Optional.empty(), Optional.empty()));
    assertTrue(refused.getMessage().contains("sftp://backup@backup.example.org/restic"), refused.getMessage());
    assertTrue(refused.getMessage().contains("appliance/backup/ssh"), refused.getMessage());
  }

  @Test
  void aRestRepositoryCarriesTheLoginUrlEncoded() {
    assertEquals("rest:https://backup%20user:p%40ss%3Aw%2Frd%252%20x@rest.example.org:8000/appliance/one",
        of("rest+https://rest.example.org:8000/appliance/one").location());
    assertEquals("rest:http://backup%20user:p%40ss%3Aw%2Frd%252%20x@127.0.0.1:8000/",
        of("rest+http://127.0.0.1:8000").location(), "no path: the server's root");
    URI parsed = URI.create(of("rest+https://rest.example.org:8000/one").location().substring("rest:".length()));
    assertEquals("backup user:p@ss:w/rd%2 x", parsed.getUserInfo(), "decoded, the login itself");
    assertEquals("rest.example.org", parsed.getHost());
    assertEquals(8000, parsed.getPort());
  }

  @Test
  void aRestRepositoryWithoutALoginHasNoUserInfo() {
    ResticRepository open = ResticRepository.of(new HostRoot(dir), URI.create("rest+http://rest.example.org:8000/one"),
        PASSWORD, Optional.empty(), Optional.empty(), Optional.empty());
    assertEquals("rest:http://rest.example.org:8000/one", open.location());
  }

  @Test
  void anS3RepositoryIsReachedOverHttpsWithItsKeys() {
    ResticRepository repository = of("s3://s3.example.org/bucket/appliance");
    assertEquals("s3:https://s3.example.org/bucket/appliance", repository.location());
    assertEquals(Optional.of(S3), repository.s3());

    Cli.BadInputException refused = assertThrows(Cli.BadInputException.class, () -> ResticRepository.of(new HostRoot(dir),
        URI.create("s3://s3.example.org/bucket"), PASSWORD, Optional.of(SSH), Optional.of(REST), Optional.empty()));
    assertTrue(refused.getMessage().contains("appliance/backup/s3"), refused.getMessage());
  }

  @Test
  void whatIsShownNeverHoldsACredential() {
    for (String url : List.of("file:///data/backups", "sftp://backup@backup.example.org:2222/srv/restic",
        "rest+https://rest.example.org:8000/one", "s3://s3.example.org/bucket/appliance")) {
      String shown = of(url).shown();
      assertEquals(url, shown);
      for (String secret : List.of(PASSWORD.reveal(), REST.password().reveal(), "p%40ss", S3.secretAccessKey().reveal(),
          "key-body-42")) {
        assertFalse(shown.contains(secret), shown + " holds " + secret);
      }
    }
  }
}
