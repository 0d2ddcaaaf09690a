package dev.appliance.env.validate;

import static dev.appliance.env.spec.EnvSchema.ALERT_EMAIL;
import static dev.appliance.env.spec.EnvSchema.APP_SECRETS;
import static dev.appliance.env.spec.EnvSchema.APP_SETTINGS;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CA_CERT;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CA_KEY;
import static dev.appliance.env.spec.EnvSchema.CLIENT_CERTS_MANDATORY;
import static dev.appliance.env.spec.EnvSchema.DOMAIN;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_DIRECTORY;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_ENABLED;
import static dev.appliance.env.spec.EnvSchema.LETSENCRYPT_EXTRA_NAMES;
import static dev.appliance.env.spec.EnvSchema.METRIC_EXPORTER;
import static dev.appliance.env.spec.EnvSchema.METRIC_SERVER;
import static dev.appliance.env.spec.EnvSchema.SMTP;
import static dev.appliance.env.spec.EnvSchema.SMTP_PASSWORD;
import static dev.appliance.env.spec.EnvSchema.SMTP_USERNAME;
import static dev.appliance.env.spec.EnvSchema.SSL_CERT;
import static dev.appliance.env.spec.EnvSchema.SSL_KEY;
import static dev.appliance.env.spec.EnvSchema.USERS;
import static dev.appliance.env.spec.EnvSchema.USER_NAME;

import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.types.DomainNameType;
import dev.appliance.env.types.PemMaterial;
import dev.appliance.env.types.PemMaterial.PemException;
import dev.appliance.env.yaml.Problems;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Rules that span several keys. Each runs only on values that passed their own type check. */
final class CrossChecks {

  private CrossChecks() {}

  static void check(Node root, Problems problems) {
    keyPair(root, problems, SSL_KEY, SSL_CERT, true);
    keyPair(root, problems, CLIENT_CA_KEY, CLIENT_CA_CERT, false);
    letsEncrypt(root, problems);
    mandatoryClientCertificates(root, problems);
    smtpLogin(root, problems);
    mailThroughRelay(root, problems);
    uniqueUsers(root, problems);
    secretsAndSettings(root, problems);
    metricServer(root, problems);
    BackupChecks.check(root, problems);
    HostAccessChecks.check(root, problems);
    EnvironmentChecks.checkKind(root, problems);
  }

  /** A private key and its certificate: both or neither, and the key must belong to the first certificate. */
  private static void keyPair(Node root, Problems problems, Field keyField, Field certField, boolean bothOrNeither) {
    String keyPath = EnvSchema.path(keyField);
    Node parent = Nodes.get(root, keyPath.substring(0, keyPath.lastIndexOf('/')).split("/")).orElse(null);
    Optional<Node> key = Nodes.get(root, keyField);
    Optional<Node> cert = Nodes.get(root, certField);
    if (bothOrNeither && key.isPresent() != cert.isPresent()) {
      Field present = key.isPresent() ? keyField : certField;
      Field absent = key.isPresent() ? certField : keyField;
      problems.at(Nodes.keyNode(parent, present.name()).orElse(parent), EnvSchema.path(present),
          "is given without " + absent.name(),
          "add " + EnvSchema.path(absent) + " too, or remove " + present.name() + " to use Let's Encrypt");
      return;
    }
    if (key.orElse(null) instanceof ScalarNode k && cert.orElse(null) instanceof ScalarNode c) {
      try {
        PrivateKey privateKey = PemMaterial.privateKey(k.getValue());
        X509Certificate first = PemMaterial.certificates(c.getValue()).get(0);
        if (!PemMaterial.matches(privateKey, first)) {
          problems.at(k, keyPath, "does not belong to the first certificate in " + EnvSchema.path(certField),
              "give the key that the certificate was issued for, and put the server certificate first");
        } else if (certField == CLIENT_CA_CERT && !signsCertificatesAndCrls(first)) {
          problems.at(c, EnvSchema.path(certField), "is not a CA certificate that may sign certificates and revocation"
              + " lists (basic constraints CA:TRUE, key usage keyCertSign and cRLSign)", "give the client CA's own"
              + " certificate, or let env-new make a client CA");
        }
      } catch (PemException e) {
        // Reported by the type checks of key and cert.
      }
    }
  }

  /** What the appliance needs of the client CA: to sign client certificates and its revocation list. */
  private static boolean signsCertificatesAndCrls(X509Certificate certificate) {
    boolean[] usage = certificate.getKeyUsage();
    return certificate.getBasicConstraints() >= 0 && (usage == null || usage.length > 6 && usage[5] && usage[6]);
  }

  /** Let's Encrypt's own CAs issue for public names only; another ACME CA (a private one) may issue for any. */
  private static void letsEncrypt(Node root, Problems problems) {
    boolean enabled = !Nodes.text(root, LETSENCRYPT_ENABLED).or(LETSENCRYPT_ENABLED::defaultValue).orElseThrow().equals("false");
    String directory = Nodes.text(root, LETSENCRYPT_DIRECTORY).or(LETSENCRYPT_DIRECTORY::defaultValue).orElseThrow();
    if (!enabled || Nodes.get(root, SSL_CERT).isPresent() || directory.contains("://")) {
      return;
    }
    String enabledPath = EnvSchema.path(LETSENCRYPT_ENABLED);
    String fix = "set " + enabledPath + ": false (the appliance then uses a self-signed certificate), give your own"
        + " key and cert, or set " + EnvSchema.path(LETSENCRYPT_DIRECTORY) + " to your private ACME CA";
    Nodes.text(root, DOMAIN).filter(d -> DomainNameType.problem(d).isEmpty() && !DomainNameType.isPublic(d)).ifPresent(d ->
        problems.at(Nodes.get(root, LETSENCRYPT_ENABLED).or(() -> Nodes.get(root, DOMAIN)).get(), enabledPath,
            "Let's Encrypt cannot issue a certificate for '" + d + "', which is not a public domain", fix));
    if (Nodes.get(root, LETSENCRYPT_EXTRA_NAMES).orElse(null) instanceof SequenceNode names) {
      for (int i = 0; i < names.getValue().size(); i++) {
        if (names.getValue().get(i) instanceof ScalarNode name && DomainNameType.problem(name.getValue()).isEmpty()
            && !DomainNameType.isPublic(name.getValue())) {
          problems.at(name, EnvSchema.path(LETSENCRYPT_EXTRA_NAMES) + "/" + i, "Let's Encrypt cannot issue a"
              + " certificate for '" + name.getValue() + "', which is not a public domain", "remove it, or " + fix);
        }
      }
    }
  }

  /** Mandatory client certificates without a CA to check them against would let every visitor in. */
  private static void mandatoryClientCertificates(Node root, Problems problems) {
    Optional<Node> mandatory = Nodes.get(root, CLIENT_CERTS_MANDATORY);
    if (mandatory.isPresent() && Nodes.text(root, CLIENT_CERTS_MANDATORY).orElse("false").equals("true")
        && Nodes.get(root, CLIENT_CA_CERT).isEmpty()) {
      String caPath = EnvSchema.path(CLIENT_CA_CERT);
      problems.at(mandatory.get(), EnvSchema.path(CLIENT_CERTS_MANDATORY), "is true but there is no "
          + caPath.substring(0, caPath.lastIndexOf('/')) + " to check client certificates against",
          "add the client CA (env-new writes one), or set it to false");
    }
  }

  private static void smtpLogin(Node root, Problems problems) {
    Optional<Node> password = Nodes.get(root, SMTP_PASSWORD);
    if (password.isPresent() && Nodes.get(root, SMTP_USERNAME).isEmpty()) {
      problems.at(password.get(), EnvSchema.path(SMTP_PASSWORD), "is given without a username",
          "add " + EnvSchema.path(SMTP_USERNAME));
    }
  }

  /** Alert mail goes out through a relay only: mail sent directly from a server is mostly refused as spam. */
  private static void mailThroughRelay(Node root, Problems problems) {
    if (!(Nodes.get(root, ALERT_EMAIL).orElse(null) instanceof SequenceNode addresses) || addresses.getValue().isEmpty()
        || Nodes.get(root, SMTP).isPresent()) {
      return;
    }
    String emailPath = EnvSchema.path(ALERT_EMAIL);
    Node alert = Nodes.get(root, emailPath.substring(0, emailPath.lastIndexOf('/')).split("/")).orElseThrow();
    problems.at(Nodes.keyNode(alert, ALERT_EMAIL.name()).orElse(addresses), emailPath,
        "is given without " + EnvSchema.path(SMTP) + ": alert mail goes out only through a mail relay (mail sent"
            + " directly from a server is mostly refused as spam)",
        "add " + EnvSchema.path(SMTP) + " with your mail provider's relay (host, port, username, password),"
            + " or remove the addresses");
  }

  private static void uniqueUsers(Node root, Problems problems) {
    if (!(Nodes.get(root, USERS).orElse(null) instanceof SequenceNode users)) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users.getValue().size(); i++) {
      Optional<Node> name = Nodes.get(users.getValue().get(i), USER_NAME.name());
      if (name.orElse(null) instanceof ScalarNode n && !names.add(n.getValue())) {
        problems.at(n, EnvSchema.path(USER_NAME).replace("/N/", "/" + i + "/"),
            "the user '" + n.getValue() + "' is listed twice", "keep one entry per user");
      }
    }
  }

  /** Both become environment variables of the same containers, so a name may appear in one of them only. */
  private static void secretsAndSettings(Node root, Problems problems) {
    if (!(Nodes.get(root, APP_SECRETS).orElse(null) instanceof MappingNode secrets)
        || !(Nodes.get(root, APP_SETTINGS).orElse(null) instanceof MappingNode settings)) {
      return;
    }
    Set<String> secretNames = new HashSet<>();
    secrets.getValue().forEach(t -> secretNames.add(((ScalarNode) t.getKeyNode()).getValue()));
    for (NodeTuple tuple : settings.getValue()) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (secretNames.contains(name)) {
        problems.at(tuple.getKeyNode(), EnvSchema.path(APP_SETTINGS) + "/" + name, "is also in " + EnvSchema.path(APP_SECRETS),
            "keep it in one of them (in app/secrets if it is confidential)");
      }
    }
  }

  /** Prometheus on the appliance scrapes the supervisor's endpoint and sends its alerts there: without it, nothing. */
  private static void metricServer(Node root, Problems problems) {
    boolean server = Nodes.text(root, METRIC_SERVER).orElse("false").equals("true");
    if (server && !Nodes.text(root, METRIC_EXPORTER).orElse("false").equals("true")) {
      problems.at(Nodes.get(root, METRIC_SERVER).orElseThrow(), EnvSchema.path(METRIC_SERVER), "is true but " + EnvSchema.path(METRIC_EXPORTER)
          + " is not: Prometheus would have neither the appliance's metrics nor a way to send its alerts",
          "set " + EnvSchema.path(METRIC_EXPORTER) + ": true too");
    }
  }
}
