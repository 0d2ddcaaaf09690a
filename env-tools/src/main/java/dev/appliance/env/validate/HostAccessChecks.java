package dev.appliance.env.validate;

import static dev.appliance.env.spec.EnvSchema.DATA_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.DATA_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_HTTPS_FROM;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_PORTS;
import static dev.appliance.env.spec.EnvSchema.FIREWALL_SSH_FROM;
import static dev.appliance.env.spec.EnvSchema.PEER_ALLOWED_IPS;
import static dev.appliance.env.spec.EnvSchema.PEER_NAME;
import static dev.appliance.env.spec.EnvSchema.PEER_PUBLIC_KEY;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_ENCRYPTED;
import static dev.appliance.env.spec.EnvSchema.VOLATILE_PASSPHRASE;
import static dev.appliance.env.spec.EnvSchema.VPN_PEERS;
import static dev.appliance.env.spec.EnvSchema.VPN_PRIVATE_KEY;

import dev.appliance.env.secrets.WireGuardKey;
import dev.appliance.env.spec.EnvSchema;
import dev.appliance.env.spec.Field;
import dev.appliance.env.spec.Shape;
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
    peers(root, problems);
    ports(root, problems);
  }

  /** An extra port 22, 80 or 443 would open what ssh_from, https_from and the VPN's *_only restrict, to anywhere. */
  private static void ports(Node root, Problems problems) {
    if (!(Nodes.get(root, FIREWALL_PORTS).orElse(null) instanceof SequenceNode ports)) {
      return;
    }
    List<Node> items = ports.getValue();
    for (int i = 0; i < items.size(); i++) {
      Optional<String> port = Nodes.checked(items.get(i), ((Shape.ListOf) FIREWALL_PORTS.shape()).element());
      if (port.isPresent() && port.get().equals("22/tcp")) {
        problems.at(items.get(i), EnvSchema.path(FIREWALL_PORTS) + "/" + i, "would open SSH to anywhere, whatever "
            + EnvSchema.path(FIREWALL_SSH_FROM) + " and the VPN say", "remove it; list SSH's sources in "
            + EnvSchema.path(FIREWALL_SSH_FROM));
      } else if (port.isPresent() && (port.get().equals("80/tcp") || port.get().equals("443/tcp"))) {
        problems.at(items.get(i), EnvSchema.path(FIREWALL_PORTS) + "/" + i, "would open the web site to anywhere,"
            + " whatever " + EnvSchema.path(FIREWALL_HTTPS_FROM) + " and the VPN say", "remove it; list the web site's"
            + " sources in " + EnvSchema.path(FIREWALL_HTTPS_FROM));
      }
    }
  }

  /** Only on a whole env: env-new's presets may say encrypted: true, env-new then generates the passphrase. */
  static void checkWhole(Node root, Problems problems) {
    passphrase(root, problems, DATA_ENCRYPTED, DATA_PASSPHRASE);
    passphrase(root, problems, VOLATILE_ENCRYPTED, VOLATILE_PASSPHRASE);
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

  /** wg-quick routes a peer's allowed IPs into the tunnel: a /0 would take all the machine's traffic, replies too. */
  private static void everything(List<Node> networks, String at, Problems problems) {
    for (int j = 0; j < networks.size(); j++) {
      Optional<String> network = Nodes.checked(networks.get(j), ((Shape.ListOf) PEER_ALLOWED_IPS.shape()).element());
      if (network.isPresent() && network.get().strip().endsWith("/0")) {
        problems.at(networks.get(j), at + PEER_ALLOWED_IPS.name() + "/" + j, "would route all of the appliance's"
            + " traffic, its answers to visitors too, through that peer", "give the peer's own addresses in the VPN,"
            + " like 10.77.0.2/32");
      }
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
      Nodes.get(items.get(i), PEER_ALLOWED_IPS.name()).filter(SequenceNode.class::isInstance)
          .ifPresent(ips -> everything(((SequenceNode) ips).getValue(), at, problems));
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
