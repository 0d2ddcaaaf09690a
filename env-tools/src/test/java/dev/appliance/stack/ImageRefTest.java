package dev.appliance.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {

  private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

  /** Parses, checks every part and that the text comes back unchanged. */
  private static ImageRef parsed(String text, String registry, String repository, String tag, String digest) {
    ImageRef ref = ImageRef.parse(text);
    assertEquals(new ImageRef(Optional.ofNullable(registry), repository, Optional.ofNullable(tag), Optional.ofNullable(digest)),
        ref, text);
    assertEquals(text, ref.toString());
    return ref;
  }

  @Test
  void aPlainNameHasNoRegistryTagOrDigest() {
    ImageRef redis = parsed("redis", null, "redis", null, null);
    assertEquals("redis", redis.name());
    assertEquals("latest", redis.tagOrDigest());
    assertEquals("redis:latest", redis.withDefaultTag().toString());
  }

  @Test
  void aTagFollowsTheLastColon() {
    ImageRef debian = parsed("debian:bookworm-slim", null, "debian", "bookworm-slim", null);
    assertEquals("debian", debian.name());
    assertEquals("bookworm-slim", debian.tagOrDigest());
    assertEquals(debian, debian.withDefaultTag());
  }

  @Test
  void aRegistryWithAPortIsNotATag() {
    ImageRef ref = parsed("host:5000/a/b:tag", "host:5000", "a/b", "tag", null);
    assertEquals("host:5000/a/b", ref.name());
    assertEquals("tag", ref.tagOrDigest());
    parsed("host:5000/a/b", "host:5000", "a/b", null, null);
  }

  @Test
  void theFirstComponentIsARegistryOnlyWithADotAColonOrAsLocalhost() {
    assertEquals("localhost/x", parsed("localhost/x", "localhost", "x", null, null).name());
    parsed("registry.example.org/team/app:1", "registry.example.org", "team/app", "1", null);
    parsed("appliance/reference-app:2", null, "appliance/reference-app", "2", null);
    parsed("localhost", null, "localhost", null, null);
  }

  @Test
  void aDigestPinsTheContentWhateverTheTag() {
    ImageRef pinned = parsed("name@" + DIGEST, null, "name", null, DIGEST);
    assertEquals(DIGEST, pinned.tagOrDigest());
    assertEquals(pinned, pinned.withDefaultTag(), "a digest needs no tag");
    ImageRef both = parsed("a:b@" + DIGEST, null, "a", "b", DIGEST);
    assertEquals("a", both.name());
    assertEquals(DIGEST, both.tagOrDigest());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "\"\"|an image reference is empty; write one like debian:bookworm-slim",
      "Redis:7|'Redis:7' is not an image reference: the repository 'Redis' must be lower case",
      "example.org/Team/app|'example.org/Team/app' is not an image reference: the repository 'Team/app' must be lower case",
      "redis@sha256:abc|'redis@sha256:abc' is not an image reference: the digest 'sha256:abc' should be sha256: and 64"
          + " lower-case hexadecimal digits",
      "redis@md5:0123456789abcdef0123456789abcdef|'redis@md5:0123456789abcdef0123456789abcdef' is not an image reference:"
          + " the digest 'md5:0123456789abcdef0123456789abcdef' should be sha256: and 64 lower-case hexadecimal digits",
      "redis:|'redis:' is not an image reference: the tag '' should be up to 128 letters, digits, '_', '.' and '-', not"
          + " starting with '.' or '-'",
      ":7|':7' is not an image reference: the repository '' should be path components of lower-case letters and digits,"
          + " separated by '/' and joined inside by '.', '_', '__' or '-'",
      "a//b|'a//b' is not an image reference: the repository 'a//b' should be path components of lower-case letters and"
          + " digits, separated by '/' and joined inside by '.', '_', '__' or '-'",
      "host:port/a|'host:port/a' is not an image reference: 'host:port' is not a registry host[:port]"})
  void anInvalidReferenceIsRefusedSayingWhy(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> ImageRef.parse(text)).getMessage());
  }
}
