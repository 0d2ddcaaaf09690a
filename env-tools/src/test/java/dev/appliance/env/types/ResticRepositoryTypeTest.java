package dev.appliance.env.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.appliance.env.spec.ScalarType.Complaint;
import dev.appliance.env.spec.ScalarValue;
import dev.appliance.env.spec.ScalarValue.Kind;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResticRepositoryTypeTest {

  private static final ResticRepositoryType TYPE = new ResticRepositoryType(scheme -> "login for " + scheme);

  @ParameterizedTest
  @ValueSource(strings = {"file:///volatile/backup/", "sftp://backup@backup.example.org:2222/srv/repo",
      "s3://s3.example.org/bucket/path", "rest+https://backup.example.org/repo/", "rest+http://127.0.0.1:8000/",
      "rest+https://user@backup.example.org/"})
  void takesRepositoryUrlsWithAUserNameAtMost(String url) {
    assertEquals(Optional.empty(), check(url));
  }

  @ParameterizedTest
  @CsvSource({"rest+https://user:pw-Hn4kQ8zW@backup.example.org/, rest+https",
      "REST+HTTP://user:pw-Hn4kQ8zW@backup.example.org/, rest+http",
      "sftp://backup:pw-Hn4kQ8zW@backup.example.org:2222/srv/repo, sftp",
      "s3://key:pw-Hn4kQ8zW@s3.example.org/bucket, s3",
      // Not a URL at all: still refused for its password, before any message could quote it.
      "rest+https://user:pw-Hn4kQ8zW @backup example org/, rest+https"})
  void refusesAPasswordWithTheFixForItsSchemeAndNeverQuotesIt(String url, String scheme) {
    Complaint complaint = check(url).orElseThrow();
    assertEquals("the URL holds a password (user:password@ before the host)", complaint.message());
    assertEquals("login for " + scheme, complaint.fix());
    assertFalse((complaint.message() + complaint.fix()).contains("Hn4kQ8zW"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://backup.example.org/", "sftp:///srv/repo", "file:backup"})
  void stillChecksTheUrl(String url) {
    assertEquals(true, check(url).isPresent());
  }

  private static Optional<Complaint> check(String url) {
    return TYPE.check(new ScalarValue(url, Kind.STRING));
  }
}
