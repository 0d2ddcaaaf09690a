package dev.appliance.env.validate;

import static dev.appliance.env.spec.EnvSchema.DATA_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.DATA_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.PEER_NAME;
import static dev.appliance.env.spec.EnvSchema.PEER_PUBLIC_KEY;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.VPN_PEERS;
import static dev.appliance.env.spec.EnvSchema.VPN_PRIVATE_KEY;

import dev.appliance.env.secrets.WireGuardKey;
import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.yaml.Problems;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** The rules of the encrypted volumes and of the VPN's peers. */
final class HostAccessChecks {

  private HostAccessChecks() {}

  static void check(Node root, Problems problems) {
    passphrase(root, problems, DATA_ENCRYPTED, DATA_PASSPHRASE);
    passphrase(root, problems, VOLATILE_ENCRYPTED, VOLATILE_PASSPHRASE);
    peers(root, problems);
  }

  /** A LUKS volume cannot be opened without its passphrase, and the appliance never makes one up. */
  private static void passphrase(Node root, Problems problems, Field encrypted, Field passphrase) {
    Optional<Node> flag = Nodes.get(root, encrypted);
    if (flag.isPresent() && Nodes.checked(flag.get(), encrypted).orElse("false").equals("true")
        && Nodes.get(root, passphrase).isEmpty()) {
      problems.at(flag.get(), EnvSchema.path(encrypted), "is true but there is no passphrase to open the disk with",
          "add " + EnvSchema.path(passphrase) + " (a random text of 32 or more characters; env-new generates one of 48),"
              + " or set encrypted: false");
    }
  }

  /** The key as base64 of its bytes, so that two spellings of one key compare equal. */
  private static String canonical(String base64) {
    return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(base64));
  }

  /** WireGuard tells peers apart by their public keys only: two with one key, or one with ours, cannot work. */
  private static void peers(Node root, Problems problems) {
    if (!(Nodes.get(root, VPN_PEERS).orElse(null) instanceof SequenceNode peers)) {
      return;
    }
    Optional<String> own = Nodes.get(root, VPN_PRIVATE_KEY).flatMap(n -> Nodes.checked(n, VPN_PRIVATE_KEY))
        .map(key -> WireGuardKey.of(key).publicKey());
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> keys = new HashMap<>();
    List<Node> items = peers.getValue();
    for (int i = 0; i < items.size(); i++) {
      String at = EnvSchema.path(VPN_PEERS) + "/" + i + "/";
      Optional<Node> name = Nodes.get(items.get(i), PEER_NAME.name());
      Optional<String> nameText = name.flatMap(n -> Nodes.checked(n, PEER_NAME));
      if (nameText.isPresent() && names.putIfAbsent(nameText.get(), i) != null) {
        problems.at(name.get(), at + PEER_NAME.name(), "the peer name '" + nameText.get() + "' is also that of "
            + EnvSchema.path(VPN_PEERS) + "/" + names.get(nameText.get()), "give each peer its own name");
      }
      Optional<Node> key = Nodes.get(items.get(i), PEER_PUBLIC_KEY.name());
      Optional<String> keyText = key.flatMap(n -> Nodes.checked(n, PEER_PUBLIC_KEY)).map(HostAccessChecks::canonical);
      if (keyText.isPresent() && keyText.equals(own)) {
        problems.at(key.get(), at + PEER_PUBLIC_KEY.name(), "is the appliance's own public key (that of "
            + EnvSchema.path(VPN_PRIVATE_KEY) + ")", "give the public key of the peer's own WireGuard key pair");
      } else if (keyText.isPresent() && keys.putIfAbsent(keyText.get(), i) != null) {
        problems.at(key.get(), at + PEER_PUBLIC_KEY.name(), "is also the public key of " + EnvSchema.path(VPN_PEERS) + "/"
            + keys.get(keyText.get()) + ": WireGuard tells peers apart by their keys", "give each peer its own key pair (wg genkey | wg pubkey)");
      }
    }
  }
}
