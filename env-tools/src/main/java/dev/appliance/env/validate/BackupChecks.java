package dev.appliance.env.validate;

import static dev.appliance.env.spec.EnvSchema.BACKUP_MIRROR;
import static dev.appliance.env.spec.EnvSchema.BACKUP_S3;
import static dev.appliance.env.spec.EnvSchema.BACKUP_SSH;
import static dev.appliance.env.spec.EnvSchema.BACKUP_URL;
import static dev.appliance.env.spec.EnvSchema.ENVIRONMENT;
import static dev.appliance.env.spec.EnvSchema.MIRROR_URL;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
import dev.appliance.env.yaml.Problems;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The rules between the backup repository, the mirror and their logins. A rest-server may be open, so a rest URL
 * needs no login; a login for a scheme not in use is ignored.
 */
final class BackupChecks {

  private BackupChecks() {}

  static void check(Node root, Problems problems) {
    Optional<URI> backup = Nodes.get(root, BACKUP_URL).isPresent() ? url(root, BACKUP_URL)
        : BACKUP_URL.defaultValue().map(URI::create);
    Optional<URI> mirror = url(root, MIRROR_URL);
    backup.ifPresent(url -> logins(root, problems, BACKUP_URL, url));
    mirror.ifPresent(url -> logins(root, problems, MIRROR_URL, url));
    stagingOnly(root, problems);
    if (mirror.isPresent() && backup.isPresent() && sameRepository(mirror.get(), backup.get())) {
      problems.at(Nodes.get(root, MIRROR_URL).orElseThrow(), EnvSchema.path(MIRROR_URL), "is this appliance's own repository ("
          + EnvSchema.path(BACKUP_URL) + "): a mirror only reads its repository, and a staging appliance must not back"
          + " up into production's", "set " + EnvSchema.path(BACKUP_URL) + " to this appliance's own repository");
    }
  }

  private static void logins(Node root, Problems problems, Field urlField, URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    Field login = scheme.equals("sftp") ? BACKUP_SSH : scheme.equals("s3") ? BACKUP_S3 : null;
    if (login == null || Nodes.get(root, login).isPresent()) {
      return;
    }
    String path = EnvSchema.path(login);
    String fix = login == BACKUP_SSH
        ? "add " + path + " with key (the private key restic logs in with) and known_hosts (the server's lines from"
            + " 'ssh-keyscan -p PORT HOST')"
        : "add " + path + " with access_key_id and secret_access_key";
    problems.at(Nodes.get(root, urlField).orElseThrow(), EnvSchema.path(urlField), "is an " + scheme + ":// repository but there"
        + " is no " + path + " to log in with", fix);
  }

  /** A production appliance that restored itself from another's backups would overwrite its real data. */
  private static void stagingOnly(Node root, Problems problems) {
    String environment = Nodes.text(root, EnvSchema.path(ENVIRONMENT).split("/"))
        .or(ENVIRONMENT::defaultValue).orElseThrow();
    if (Nodes.get(root, BACKUP_MIRROR).isEmpty() || environment.equals("staging")) {
      return;
    }
    String path = EnvSchema.path(BACKUP_MIRROR);
    Node backup = Nodes.get(root, path.substring(0, path.lastIndexOf('/')).split("/")).orElseThrow();
    problems.at(Nodes.keyNode(backup, BACKUP_MIRROR.name()).orElseThrow(), path, "is given in a " + environment
        + " appliance, but only a staging appliance restores itself from another appliance's backups",
        "remove " + path + " or set " + EnvSchema.path(ENVIRONMENT) + ": staging");
  }

  /** Whether both name one repository: the user name, letter case of scheme and host, and a final / do not count. */
  static boolean sameRepository(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme()) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && a.getPort() == b.getPort() && trimmed(a.getPath()).equals(trimmed(b.getPath()));
  }

  private static String lower(String host) {
    return host == null ? null : host.toLowerCase(Locale.ROOT);
  }

  private static String trimmed(String path) {
    return path == null ? "" : path.replaceAll("/+$", "");
  }

  /** The URL of {@code field}, if it is given and passed its own type check. */
  private static Optional<URI> url(Node root, Field field) {
    return Nodes.get(root, field).filter(ScalarNode.class::isInstance).map(ScalarNode.class::cast)
        .filter(n -> ((Shape.Scalar) field.shape()).type().check(Nodes.value(n)).isEmpty())
        .map(n -> URI.create(n.getValue().strip()));
  }
}
