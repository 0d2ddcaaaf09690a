package dev.appliance.env.validate;

import static dev.appliance.env.spec.EnvSchema.ALERT_EMAIL;
import static dev.appliance.env.spec.EnvSchema.BACKUP_URL;
import static dev.appliance.env.spec.EnvSchema.ENVIRONMENT;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_ENABLED;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_SSH_FROM;
import static dev.appliance.env.spec.EnvSchema.HEARTBEAT_URL;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_ENABLED;
import static dev.appliance.env.spec.EnvSchema.SENTRY_DSN;
import static dev.appliance.env.spec.EnvSchema.SSL_CERT;
import static dev.appliance.env.spec.EnvSchema.SSL_KEY;
import static dev.appliance.env.spec.EnvSchema.VPN;
import static dev.appliance.env.spec.EnvSchema.VPN_ENABLED;
import static dev.appliance.env.spec.EnvSchema.VPN_SSH_ONLY;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
import dev.appliance.env.yaml.Problems;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What {@code appliance/environment} means to env-check. A production appliance holds real data: its backups must
 * leave the machine, its failures must reach someone, and browsers must trust its certificate; SSH open to anywhere
 * is only warned about. An environment that only receives backups is refused until the appliance can be one.
 */
public final class EnvironmentChecks {

  /** Why {@code backup} is refused, for env-check and env-new alike. */
  public static final String BACKUP_REFUSED = "the appliance does not yet run as a machine that only receives backups;"
      + " use a restic rest-server or an sftp server for backups";
  /** The fix of {@link #BACKUP_REFUSED}. */
  public static final String BACKUP_FIX = "choose production, staging, qa or development";

  private static final String PRODUCTION = "production";
  private static final Path ON_THIS_MACHINE = Path.of("/volatile");

  private EnvironmentChecks() {}

  /** The rules of the environment's kind that a fragment (env-new --extra) can break too. */
  static void checkKind(Node root, Problems problems) {
    Nodes.get(root, ENVIRONMENT).filter(n -> Nodes.checked(n, ENVIRONMENT).orElse("").equals("backup"))
        .ifPresent(node -> problems.at(node, EnvSchema.path(ENVIRONMENT), "is backup, but " + BACKUP_REFUSED, BACKUP_FIX));
  }

  /** Production's needs; they apply to a whole env only. */
  static void checkProduction(Node root, Problems problems) {
    if (!(Nodes.get(root, "appliance").orElse(null) instanceof MappingNode)) {
      return; // a document without an appliance section has more basic problems
    }
    Optional<Node> given = Nodes.get(root, ENVIRONMENT);
    String environment = given.isPresent() ? Nodes.checked(given.get(), ENVIRONMENT).orElse("")
        : ENVIRONMENT.defaultValue().orElseThrow();
    if (!environment.equals(PRODUCTION)) {
      return;
    }
    backupOffThisMachine(root, problems);
    alertChannel(root, problems);
    trustedCertificate(root, problems);
    sshFromAnywhere(root, problems);
  }

  private static void backupOffThisMachine(Node root, Problems problems) {
    Optional<Node> url = Nodes.get(root, BACKUP_URL);
    String text = url.isPresent() ? Nodes.checked(url.get(), BACKUP_URL).orElse(null) : BACKUP_URL.defaultValue().orElseThrow();
    if (text == null || !onThisMachine(URI.create(text))) {
      return;
    }
    String fix = "set it to a repository on another machine: sftp://user@host:port/path, rest+https://host/path or"
        + " s3://host/bucket/path";
    String why = ": in production a backup on this machine is lost with it";
    if (url.isPresent()) {
      problems.productionNeeds(url.get(), EnvSchema.path(BACKUP_URL), "is a repository on this machine (under "
          + ON_THIS_MACHINE + ")" + why, fix);
    } else {
      problems.productionNeeds(Nodes.nearestKey(root, BACKUP_URL), EnvSchema.path(BACKUP_URL), "is not given, and its"
          + " default (" + text + ") is on this machine" + why, "add it and " + fix);
    }
  }

  private static boolean onThisMachine(URI url) {
    return url.getScheme().equalsIgnoreCase("file") && url.getPath() != null
        && Path.of(url.getPath()).normalize().startsWith(ON_THIS_MACHINE);
  }

  private static void alertChannel(Node root, Problems problems) {
    boolean email = Nodes.get(root, ALERT_EMAIL).orElse(null) instanceof SequenceNode list && !list.getValue().isEmpty();
    if (email || given(root, SENTRY_DSN) || given(root, HEARTBEAT_URL)) {
      return;
    }
    String alert = parent(ALERT_EMAIL);
    problems.productionNeeds(Nodes.nearestKey(root, ALERT_EMAIL), alert, "has no channel: email, sentry_dsn and"
        + " heartbeat_url are all empty, so nobody would learn that this production appliance failed",
        "add " + EnvSchema.path(ALERT_EMAIL) + " (with smtp), " + EnvSchema.path(SENTRY_DSN) + " or "
            + EnvSchema.path(HEARTBEAT_URL));
  }

  private static void trustedCertificate(Node root, Problems problems) {
    Optional<Node> enabled = Nodes.get(root, LETSENCRYPT_ENABLED);
    if (enabled.isEmpty() || !Nodes.checked(enabled.get(), LETSENCRYPT_ENABLED).orElse("true").equals("false")
        || given(root, SSL_KEY) && given(root, SSL_CERT)) {
      return;
    }
    problems.productionNeeds(enabled.get(), EnvSchema.path(LETSENCRYPT_ENABLED), "is false and there is no own"
        + " certificate (" + EnvSchema.path(SSL_KEY) + " and cert): a production appliance would serve a self-signed"
        + " certificate, which browsers refuse", "set it to true (Let's Encrypt needs a public domain and port 80), or"
        + " give your own key and cert");
  }

  /** Only a warning: an operator may rely on a provider's firewall, which the env cannot see. */
  private static void sshFromAnywhere(Node root, Problems problems) {
    Optional<Node> vpn = Nodes.get(root, VPN);
    boolean throughVpn = vpn.isPresent() && Nodes.text(root, VPN_ENABLED).or(VPN_ENABLED::defaultValue).orElseThrow()
        .equals("true") && Nodes.text(root, VPN_SSH_ONLY).or(VPN_SSH_ONLY::defaultValue).orElseThrow().equals("true");
    if (throughVpn) {
      return;
    }
    String fix = "list only your own networks in " + EnvSchema.path(FIREWALL_SSH_FROM) + ", or enable " + EnvSchema.path(VPN)
        + " with ssh_only: true";
    Optional<Node> enabled = Nodes.get(root, FIREWALL_ENABLED);
    if (enabled.isPresent() && Nodes.checked(enabled.get(), FIREWALL_ENABLED).orElse("true").equals("false")) {
      problems.warnAt(enabled.get(), EnvSchema.path(FIREWALL_ENABLED), "is false, so SSH is open to anywhere in a"
          + " production appliance", "set it to true and " + fix);
      return;
    }
    Optional<Node> from = Nodes.get(root, FIREWALL_SSH_FROM);
    if (from.isEmpty()) {
      problems.warnAt(Nodes.nearestKey(root, FIREWALL_SSH_FROM), EnvSchema.path(FIREWALL_SSH_FROM), "is not given, and its"
          + " default lets anyone reach SSH in a production appliance", fix);
    } else if (from.get() instanceof SequenceNode networks) {
      Shape network = ((Shape.ListOf) FIREWALL_SSH_FROM.shape()).element();
      for (int i = 0; i < networks.getValue().size(); i++) {
        Node item = networks.getValue().get(i);
        Optional<String> anywhere = Nodes.checked(item, network).filter(t -> t.endsWith("/0"));
        if (anywhere.isPresent()) {
          problems.warnAt(item, EnvSchema.path(FIREWALL_SSH_FROM) + "/" + i, "'" + anywhere.get() + "' is anywhere: it"
              + " lets anyone reach SSH in a production appliance", fix);
          return;
        }
      }
    }
  }

  private static boolean given(Node root, Field field) {
    return Nodes.get(root, field).flatMap(n -> Nodes.checked(n, field)).filter(t -> !t.isEmpty()).isPresent();
  }

  private static String parent(Field field) {
    String path = EnvSchema.path(field);
    return path.substring(0, path.lastIndexOf('/'));
  }
}
