package dev.appliance.backup;

import dev.appliance.env.cli.Cli;
import dev.appliance.env.model.EnvConfig.RestLogin;
import dev.appliance.env.model.EnvConfig.S3Keys;
import dev.appliance.env.model.EnvConfig.SshAccess;
import dev.appliance.env.model.Secret;
import dev.appliance.host.HostRoot;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A restic repository as the env names it, and how restic reaches it.
 *
 * @param location what restic is given as its repository (through a file: a rest login may be part of it)
 * @param shown the env's URL, for messages (never a credential)
 * @param password the repository's password
 * @param ssh the login to an sftp server, with the user, host and port to reach
 * @param s3 the access keys of an S3 bucket
 */
public record ResticRepository(String location, String shown, Secret password, Optional<SftpLogin> ssh,
    Optional<S3Keys> s3) {

  /** How ssh reaches an sftp server. */
  public record SftpLogin(SshAccess access, String user, String host, int port) {}

  /**
   * The repository at {@code url}: file:///PATH (under {@code root}), sftp://USER@HOST[:PORT]/PATH,
   * rest+http(s)://HOST[:PORT]/PATH or s3://HOST/BUCKET/PATH.
   */
  public static ResticRepository of(HostRoot root, URI url, Secret password, Optional<SshAccess> ssh,
      Optional<RestLogin> rest, Optional<S3Keys> s3) {
    String scheme = url.getScheme().toLowerCase();
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    String hostPort = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    return switch (scheme) {
      case "file" -> new ResticRepository(root.resolve(path).toString(), url.toString(), password, Optional.empty(),
          Optional.empty());
      case "sftp" -> {
        SshAccess access = ssh.orElseThrow(() -> new Cli.BadInputException(
            "the backup repository " + url + " is on an sftp server, but the env has no appliance/backup/ssh key"));
        String user = url.getUserInfo() == null ? "root" : url.getUserInfo();
        // restic's own sftp syntax: the path after "host:" is absolute when it starts with /.
        yield new ResticRepository("sftp:" + user + "@" + url.getHost() + ":" + path, url.toString(), password,
            Optional.of(new SftpLogin(access, user, url.getHost(), url.getPort() > 0 ? url.getPort() : 22)), Optional.empty());
      }
      case "rest+http", "rest+https" -> {
        String login = rest.map(r -> encode(r.username()) + ":" + encode(r.password().reveal()) + "@").orElse("");
        yield new ResticRepository("rest:" + scheme.substring(5) + "://" + login + hostPort + path, url.toString(),
            password, Optional.empty(), Optional.empty());
      }
      case "s3" -> new ResticRepository("s3:https://" + hostPort + path, url.toString(), password, Optional.empty(),
          Optional.of(s3.orElseThrow(() -> new Cli.BadInputException(
              "the backup repository " + url + " is an S3 bucket, but the env has no appliance/backup/s3 keys"))));
      default -> throw new Cli.BadInputException("the backup repository " + url + " has a scheme restic is not given here");
    };
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
