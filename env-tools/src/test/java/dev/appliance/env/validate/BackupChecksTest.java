package dev.appliance.env.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupChecksTest {

  @ParameterizedTest
  @CsvSource({
      "sftp://a@backup.example.org:2222/srv/repo, sftp://b@BACKUP.example.org:2222/srv/repo/, true",
      "rest+https://backup.example.org/prod/, REST+HTTPS://backup.example.org/prod, true",
      "file:///volatile/backup-test/, file:///volatile/backup-test, true",
      "sftp://backup.example.org:2222/srv/prod, sftp://backup.example.org:2222/srv/staging, false",
      "sftp://backup.example.org:2222/srv/repo, sftp://backup.example.org:22/srv/repo, false",
      "rest+https://backup.example.org/repo, rest+http://backup.example.org/repo, false",
      "s3://s3.example.org/bucket/a, s3://s3.example.org/bucket/b, false"})
  void oneRepositoryWhateverTheUserCaseOrFinalSlash(String a, String b, boolean same) {
    assertEquals(same, BackupChecks.sameRepository(URI.create(a), URI.create(b)));
  }
}
