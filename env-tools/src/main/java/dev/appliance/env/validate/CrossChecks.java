package dev.appliance.env.validate;

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
    keyPair(root, problems, "appliance/ssl", true);
    keyPair(root, problems, "appliance/ssl/client_ca", false);
    letsEncrypt(root, problems);
    smtpLogin(root, problems);
    uniqueUsers(root, problems);
    secretsAndSettings(root, problems);
  }

  /** A private key and its certificate: both or neither, and the key must belong to the first certificate. */
  private static void keyPair(Node root, Problems problems, String section, boolean bothOrNeither) {
    String[] path = section.split("/");
    Node parent = Nodes.get(root, path).orElse(null);
    Optional<Node> key = Nodes.get(root, append(path, "key"));
    Optional<Node> cert = Nodes.get(root, append(path, "cert"));
    if (bothOrNeither && key.isPresent() != cert.isPresent()) {
      String present = key.isPresent() ? "key" : "cert";
      String absent = key.isPresent() ? "cert" : "key";
      problems.at(Nodes.keyNode(parent, present).orElse(parent), section + "/" + present, "is given without " + absent,
          "add " + section + "/" + absent + " too, or remove " + present + " to use Let's Encrypt");
      return;
    }
    if (key.orElse(null) instanceof ScalarNode k && cert.orElse(null) instanceof ScalarNode c) {
      try {
        PrivateKey privateKey = PemMaterial.privateKey(k.getValue());
        X509Certificate first = PemMaterial.certificates(c.getValue()).get(0);
        if (!PemMaterial.matches(privateKey, first)) {
          problems.at(k, section + "/key", "does not belong to the first certificate in " + section + "/cert",
              "give the key that the certificate was issued for, and put the server certificate first");
        }
      } catch (PemException e) {
        // Reported by the type checks of key and cert.
      }
    }
  }

  private static void letsEncrypt(Node root, Problems problems) {
    Optional<String> domain = Nodes.text(root, "appliance", "domain");
    boolean enabled = !Nodes.text(root, "appliance", "ssl", "letsencrypt", "enabled").orElse("true").equals("false");
    boolean ownCert = Nodes.get(root, "appliance", "ssl", "cert").isPresent();
    if (domain.isEmpty() || !enabled || ownCert || DomainNameType.problem(domain.get()).isPresent()
        || DomainNameType.isPublic(domain.get())) {
      return;
    }
    Node at = Nodes.get(root, "appliance", "ssl", "letsencrypt", "enabled").or(() -> Nodes.get(root, "appliance", "domain")).get();
    problems.at(at, "appliance/ssl/letsencrypt/enabled", "Let's Encrypt cannot issue a certificate for '" + domain.get()
        + "', which is not a public domain", "set appliance/ssl/letsencrypt/enabled: false (the appliance then uses a"
        + " self-signed certificate), or give your own key and cert");
  }

  private static void smtpLogin(Node root, Problems problems) {
    Optional<Node> password = Nodes.get(root, "appliance", "alert", "smtp", "password");
    if (password.isPresent() && Nodes.get(root, "appliance", "alert", "smtp", "username").isEmpty()) {
      problems.at(password.get(), "appliance/alert/smtp/password", "is given without a username",
          "add appliance/alert/smtp/username");
    }
  }

  private static void uniqueUsers(Node root, Problems problems) {
    if (!(Nodes.get(root, "appliance", "users").orElse(null) instanceof SequenceNode users)) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < users.getValue().size(); i++) {
      Optional<Node> name = Nodes.get(users.getValue().get(i), "name");
      if (name.orElse(null) instanceof ScalarNode n && !names.add(n.getValue())) {
        problems.at(n, "appliance/users/" + i + "/name", "the user '" + n.getValue() + "' is listed twice",
            "keep one entry per user");
      }
    }
  }

  /** Both become environment variables of the same containers, so a name may appear in one of them only. */
  private static void secretsAndSettings(Node root, Problems problems) {
    if (!(Nodes.get(root, "app", "secrets").orElse(null) instanceof MappingNode secrets)
        || !(Nodes.get(root, "app", "settings").orElse(null) instanceof MappingNode settings)) {
      return;
    }
    Set<String> secretNames = new HashSet<>();
    secrets.getValue().forEach(t -> secretNames.add(((ScalarNode) t.getKeyNode()).getValue()));
    for (NodeTuple tuple : settings.getValue()) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      if (secretNames.contains(name)) {
        problems.at(tuple.getKeyNode(), "app/settings/" + name, "is also in app/secrets",
            "keep it in one of them (in app/secrets if it is confidential)");
      }
    }
  }

  private static String[] append(String[] path, String last) {
    String[] result = java.util.Arrays.copyOf(path, path.length + 1);
    result[path.length] = last;
    return result;
  }
}
