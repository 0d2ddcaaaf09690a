package dev.appliance.access;

import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The host's accounts as {@code /etc/passwd}, {@code /etc/group} and {@code /etc/shadow} under the root say, read
 * afresh on every call (useradd changes them between two calls).
 */
final class HostAccounts {

  /** An account: its IDs and home. */
  record Account(String name, int uid, int gid, String home) {}

  private final HostRoot root;

  HostAccounts(HostRoot root) {
    this.root = root;
  }

  Optional<Account> account(String name) throws IOException {
    return entry("/etc/passwd", name)
        .map(f -> new Account(name, Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[5]));
  }

  boolean groupExists(String group) throws IOException {
    return entry("/etc/group", group).isPresent();
  }

  /** The name of group {@code gid}, if it has one. */
  Optional<String> groupName(int gid) throws IOException {
    return lines("/etc/group").stream().map(l -> l.split(":", -1))
        .filter(f -> f.length > 2 && f[2].equals(Integer.toString(gid))).map(f -> f[0]).findFirst();
  }

  boolean member(String group, String name) throws IOException {
    return entry("/etc/group", group).map(f -> f.length > 3 && Arrays.asList(f[3].split(",")).contains(name))
        .orElse(false);
  }

  /** Whether no password can log in: the shadow field starts with {@code !} (or is {@code *}). */
  boolean passwordLocked(String name) throws IOException {
    return entry("/etc/shadow", name).map(f -> f[1].startsWith("!") || f[1].equals("*")).orElse(false);
  }

  /** Whether the account has an expiry date (which ends key logins too). */
  boolean expires(String name) throws IOException {
    return entry("/etc/shadow", name).map(f -> f.length > 7 && !f[7].isEmpty()).orElse(false);
  }

  private Optional<String[]> entry(String file, String name) throws IOException {
    return lines(file).stream().map(l -> l.split(":", -1)).filter(f -> f.length > 1 && f[0].equals(name)).findFirst();
  }

  private List<String> lines(String file) throws IOException {
    Path path = root.resolve(file);
    return Files.exists(path) ? Files.readAllLines(path) : List.of();
  }
}
