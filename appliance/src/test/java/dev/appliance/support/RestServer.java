package dev.appliance.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * restic's REST protocol on a free port of 127.0.0.1 for the backup tests: Debian's rclone,
 * {@code rclone serve restic}, serving {@code dir/data} to one user with a password made here, through an htpasswd
 * file, and optionally append-only: it then answers 403 to every delete, so {@code restic forget} fails (after some
 * 40 s of retries). restic 0.14 takes the credentials only in the URL: {@link #resticRepository()}.
 */
public final class RestServer implements AutoCloseable {

  private static final String USER = "restic";
  /** bcrypt's lowest cost: rclone checks the password on every request, and at htpasswd's usual 12 that is ~0.2 s. */
  private static final int BCRYPT_COST = 4;

  private final Path dir;
  private final int port;
  private final String password;
  private final boolean appendOnly;
  private ServerProcess process;

  private RestServer(Path dir, int port, String password, boolean appendOnly) {
    this.dir = dir;
    this.port = port;
    this.password = password;
    this.appendOnly = appendOnly;
  }

  /** Writes the htpasswd file in {@code dir}, starts rclone on {@code dir/data} and waits until it listens. */
  public static RestServer start(Path dir, boolean appendOnly) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("data"));
    SecureRandom random = new SecureRandom();
    // Letters and digits only: the password goes into restic's URL, where other characters would need escaping.
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    String password = random.ints(24, 0, alphabet.length()).mapToObj(i -> String.valueOf(alphabet.charAt(i)))
        .reduce("", String::concat);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    Files.writeString(dir.resolve("htpasswd"),
        USER + ":" + OpenBSDBCrypt.generate(password.toCharArray(), salt, BCRYPT_COST) + "\n", StandardCharsets.UTF_8);
    RestServer server = new RestServer(dir, TestEnvs.freePort(), password, appendOnly);
    server.restart();
    return server;
  }

  /** {@code rest+http://127.0.0.1:PORT/}, without the credentials. */
  public URI url() {
    return URI.create("rest+http://127.0.0.1:" + port + "/");
  }

  public int port() {
    return port;
  }

  public String username() {
    return USER;
  }

  public String password() {
    return password;
  }

  /** {@code rest:http://USER:PASSWORD@127.0.0.1:PORT/}: restic's repository string. */
  public String resticRepository() {
    return "rest:http://" + USER + ":" + password + "@127.0.0.1:" + port + "/";
  }

  /** The directory the repository's files land in. */
  public Path data() {
    return dir.resolve("data");
  }

  /** What rclone logged. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("rclone.log"));
  }

  /** Stops rclone: connections to its port are refused until {@link #restart()}. */
  public void stop() {
    if (process != null) {
      process.stop();
      process = null;
    }
  }

  /** Starts rclone (again) on the same port, data and credentials, and waits until it listens. */
  public void restart() throws IOException, InterruptedException {
    stop();
    // An empty --config keeps rclone's config in memory: nothing of the user's rclone.conf is read.
    List<String> command = new ArrayList<>(List.of("rclone", "serve", "restic", "--config", "", "--addr",
        "127.0.0.1:" + port, "--htpasswd", dir.resolve("htpasswd").toString()));
    if (appendOnly) {
      command.add("--append-only");
    }
    command.add(data().toString());
    process = ServerProcess.start(command, port, dir.resolve("rclone.log"), "rclone");
  }

  @Override
  public void close() {
    stop();
  }
}
