package dev.appliance.env.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/** A throwaway GnuPG home directory: make keys in it, export them, decrypt with them. */
public final class GnupgHome {

  private final Path home;

  private GnupgHome(Path home) {
    this.home = home;
  }

  /** A new empty home in {@code dir}. */
  public static GnupgHome in(Path dir) throws IOException {
    Path home = Files.createDirectories(dir);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    return new GnupgHome(home);
  }

  /** Runs gpg in this home (batch mode, no passphrase); it must succeed. */
  public Programs.Run gpg(String... args) throws IOException, InterruptedException {
    return Programs.ok(home, command(args));
  }

  /** Runs gpg in this home and returns what it did, whatever its exit code. */
  public Programs.Run tryGpg(String... args) throws IOException, InterruptedException {
    return Programs.run(home, List.of(command(args)));
  }

  /** Makes a key pair for {@code userId}: Ed25519 with a Curve25519 encryption subkey, or RSA-3072 with an RSA subkey. */
  public GnupgHome withKey(String userId, boolean rsa) throws IOException, InterruptedException {
    gpg("--quick-gen-key", userId, rsa ? "rsa3072" : "ed25519", "sign,cert", "never");
    gpg("--quick-add-key", fingerprint(userId), rsa ? "rsa3072" : "cv25519", "encr", "never");
    return this;
  }

  /** Makes a key pair that can only sign. */
  public GnupgHome withSignOnlyKey(String userId) throws IOException, InterruptedException {
    gpg("--quick-gen-key", userId, "ed25519", "sign,cert", "never");
    return this;
  }

  /** The ASCII-armored public keys of this home. */
  public String exportPublic() throws IOException, InterruptedException {
    return gpg("--armor", "--export").out();
  }

  private String fingerprint(String userId) throws IOException, InterruptedException {
    for (String line : gpg("--with-colons", "--list-keys", userId).out().split("\n")) {
      if (line.startsWith("fpr:")) {
        return line.split(":")[9];
      }
    }
    throw new AssertionError("no key for " + userId);
  }

  private String[] command(String... args) {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--yes",
        "--pinentry-mode", "loopback", "--passphrase", ""));
    command.addAll(List.of(args));
    return command.toArray(String[]::new);
  }
}
