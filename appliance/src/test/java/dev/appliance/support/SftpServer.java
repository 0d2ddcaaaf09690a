package dev.appliance.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH server on a free port of 127.0.0.1 for the backup tests: Debian's {@code /usr/sbin/sshd} with a
 * config, a host key and a client key pair of its own in {@code dir} (the system's sshd and its config are never used).
 * It runs as the current user and lets only that user in, only with the client key; sftp is sshd's internal-sftp, so
 * a repository path is a path of this machine.
 *
 * <p>restic 0.14 reaches it with {@code -r sftp:USER@127.0.0.1:/ABS/PATH -o sftp.command="ssh -i KEYFILE
 * -o UserKnownHostsFile=FILE -o StrictHostKeyChecking=yes -o BatchMode=yes -p PORT USER@127.0.0.1 -s sftp"}
 * ({@link #resticRepository}, {@link #sftpCommand}). With {@code sftp.command} restic runs that command as it is and
 * ignores the user and host of the repository string, so the port is given to ssh only. In the URL form restic drops
 * the first slash of the path: {@code sftp://USER@127.0.0.1:PORT/tmp/r} is {@code tmp/r} under the user's home, and
 * only {@code sftp://USER@127.0.0.1:PORT//tmp/r} is {@code /tmp/r}. ssh refuses a key file others can read: write it
 * 0600.
 */
public final class SftpServer implements AutoCloseable {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  /** Where sshd, when root, wants its privilege separation chroot; Debian's ssh.service makes it, nothing else does. */
  private static final Path PRIVSEP = Path.of("/run/sshd");

  private final Path dir;
  private final int port;
  private ServerProcess process;

  private SftpServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Generates the keys and the config in {@code dir}, starts sshd and waits until the client key logs in. */
  public static SftpServer start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    keygen(dir.resolve("host_key"));
    keygen(dir.resolve("client_key"));
    SftpServer server = new SftpServer(dir, TestEnvs.freePort());
    Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine() + "\n");
    Files.writeString(dir.resolve("sshd_config"), String.join("\n",
        "ListenAddress 127.0.0.1:" + server.port,
        "HostKey " + dir.resolve("host_key"),
        "PidFile " + dir.resolve("sshd.pid"),
        "AuthorizedKeysFile " + dir.resolve("client_key.pub"),
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        // The tests run as root in CI: root may log in, with a key only.
        "PermitRootLogin prohibit-password",
        "UsePAM no",
        // The temporary directory's owner and modes are not sshd's business here.
        "StrictModes no",
        "Subsystem sftp internal-sftp", ""));
    server.restart();
    return server;
  }

  public int port() {
    return port;
  }

  /** The user sshd runs as and the only one it lets in. */
  public String user() {
    return System.getProperty("user.name");
  }

  /** The client's private key in OpenSSH's format, without a passphrase. */
  public String privateKey() throws IOException {
    return Files.readString(dir.resolve("client_key"));
  }

  /** The line of a known_hosts file for this server: {@code [127.0.0.1]:PORT ssh-ed25519 AAAA…}. */
  public String knownHostsLine() throws IOException {
    String[] hostKey = Files.readString(dir.resolve("host_key.pub")).trim().split(" ");
    return "[127.0.0.1]:" + port + " " + hostKey[0] + " " + hostKey[1];
  }

  /** {@code sftp://USER@127.0.0.1:PORT/ABS/PATH}: the repository as a URL with the port (not restic's form). */
  public URI url(Path repository) {
    return URI.create("sftp://" + user() + "@127.0.0.1:" + port + absolute(repository));
  }

  /** {@code sftp:USER@127.0.0.1:/ABS/PATH}: restic's repository string, used with {@link #sftpCommand}. */
  public String resticRepository(Path repository) {
    return "sftp:" + user() + "@127.0.0.1:" + absolute(repository);
  }

  /** The value of restic's {@code -o sftp.command=}: ssh with the given key file and known_hosts file. */
  public String sftpCommand(Path keyFile, Path knownHostsFile) {
    List<String> argv = ssh(keyFile, knownHostsFile);
    // restic splits the command at spaces (and honours quotes); paths without spaces need none.
    argv.stream().filter(part -> part.matches(".*[\\s\"'].*")).findAny().ifPresent(part -> {
      throw new IllegalArgumentException("a path with spaces or quotes in the sftp command: " + part);
    });
    return String.join(" ", argv);
  }

  /** What sshd logged. */
  public String log() throws IOException {
    return Files.readString(dir.resolve("sshd.log"));
  }

  /** Stops sshd: connections to its port are refused until {@link #restart()}. */
  public void stop() {
    if (process != null) {
      process.stop();
      process = null;
    }
  }

  /** Starts sshd (again) on the same port with the same keys, and waits until the client key logs in. */
  public void restart() throws IOException, InterruptedException {
    stop();
    if ("root".equals(user()) && !Files.isDirectory(PRIVSEP)) {
      Files.createDirectories(PRIVSEP,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    process = ServerProcess.start(List.of(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString()),
        port, dir.resolve("sshd.log"), "openssh-server");
    try {
      awaitLogin();
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop();
      throw e;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /**
   * Opens an sftp session with the client key, as restic will, and closes it at once: the port alone does not show
   * that sshd lets the user in (with UsePAM no it refuses, for one, an account locked with '!' in /etc/shadow).
   */
  private void awaitLogin() throws IOException, InterruptedException {
    Process ssh = new ProcessBuilder(ssh(dir.resolve("client_key"), dir.resolve("known_hosts")))
        .redirectErrorStream(true).start();
    ssh.getOutputStream().close();
    if (!ssh.waitFor(20, TimeUnit.SECONDS)) {
      ssh.destroyForcibly();
      throw new IllegalStateException("no sftp session with sshd on 127.0.0.1:" + port + " after 20 s:\n" + log());
    }
    if (ssh.exitValue() != 0) {
      throw new IllegalStateException("sshd on 127.0.0.1:" + port + " did not let " + user() + " in with the client key"
          + " (ssh exit " + ssh.exitValue() + "): " + new String(ssh.getInputStream().readAllBytes()).trim()
          + "\nsshd's log:\n" + log());
    }
  }

  private List<String> ssh(Path keyFile, Path knownHostsFile) {
    return List.of("ssh", "-i", keyFile.toString(), "-o", "UserKnownHostsFile=" + knownHostsFile,
        "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-p", String.valueOf(port), user() + "@127.0.0.1",
        "-s", "sftp");
  }

  private static String absolute(Path repository) {
    if (!repository.isAbsolute()) {
      throw new IllegalArgumentException("a repository on the sftp server needs an absolute path: " + repository);
    }
    return repository.normalize().toString();
  }

  private static void keygen(Path file) throws IOException, InterruptedException {
    Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "appliance-test",
        "-f", file.toString()).redirectErrorStream(true).start();
    String output = new String(keygen.getInputStream().readAllBytes());
    if (keygen.waitFor() != 0) {
      throw new IllegalStateException("ssh-keygen failed for " + file + " (exit " + keygen.exitValue() + "): "
          + output);
    }
  }
}
