package dev.appliance.acme;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code /app/etc/front/acme/.well-known/acme-challenge}, which the front proxy serves over plain HTTP (also during
 * maintenance): each http-01 token written atomically, readable by nginx, and removed once the CA has looked.
 */
final class ChallengeFolder {

  private final HostRoot root;

  ChallengeFolder(HostRoot root) {
    this.root = root;
  }

  private Path folder() {
    return root.front().resolve("acme").resolve(".well-known").resolve("acme-challenge");
  }

  void put(String token, String content) throws IOException {
    root.files().createDirectories(folder());
    for (Path dir = folder(); !dir.equals(root.front()); dir = dir.getParent()) {
      root.files().own(dir, 0, 0, "rwxr-xr-x");
    }
    root.files().write(folder().resolve(checked(token)), "rw-r--r--", content);
  }

  void remove(String token) throws IOException {
    root.files().delete(folder().resolve(checked(token)));
  }

  /** A token is base64url (RFC 8555 section 8.3): anything else could name a path outside the folder. */
  private static String checked(String token) throws IOException {
    if (!token.matches("[A-Za-z0-9_-]{1,256}")) {
      throw new IOException("the CA sent a challenge token that is not base64url: refused");
    }
    return token;
  }
}
