package dev.appliance.vpn;

import dev.appliance.env.model.EnvConfig.Peer;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.env.secrets.WireGuardKey;
import java.util.HashMap;
import java.util.Map;

/** The wg-quick(8) file of the appliance's WireGuard interface; it holds the private key (a 0600 file). */
public final class WireGuardConfig {

  /** The interface, named after its file: wg-quick@wg-appliance brings it up. */
  public static final String INTERFACE = "wg-appliance";

  /** Where wg-quick reads it. */
  public static final String FILE = "/etc/wireguard/" + INTERFACE + ".conf";

  private static final String PEER = "\n[Peer]\n";

  private WireGuardConfig() {}

  /** The file's text for {@code vpn}. */
  public static String of(VpnConfig vpn) {
    return text(vpn, true);
  }

  /**
   * The same without wg-quick's own keys (Address), as {@code wg syncconf} reads it: what {@code wg-quick strip}
   * prints.
   */
  static String stripped(VpnConfig vpn) {
    return text(vpn, false);
  }

  private static String text(VpnConfig vpn, boolean wgQuick) {
    StringBuilder text = new StringBuilder("# Written by prepare-appliance from the env's appliance/vpn; change it"
        + " there, not here.\n[Interface]\n");
    text.append("PrivateKey = ").append(vpn.privateKey().reveal().strip()).append('\n');
    if (wgQuick) {
      text.append("Address = ").append(vpn.address().strip()).append('\n');
    }
    text.append("ListenPort = ").append(vpn.listenPort()).append('\n');
    for (Peer peer : vpn.peers()) {
      text.append(PEER).append("# ").append(peer.name()).append('\n');
      text.append("PublicKey = ").append(peer.publicKey().strip()).append('\n');
      text.append("AllowedIPs = ").append(String.join(", ", peer.allowedIps().stream().map(String::strip).toList()))
          .append('\n');
    }
    return text.toString();
  }

  /** The appliance's public key, which the peers put in their [Peer] section. */
  public static String publicKey(VpnConfig vpn) {
    return WireGuardKey.of(vpn.privateKey().reveal()).publicKey();
  }

  /**
   * What {@code appliance status} shows of a file this class wrote: the address, port, peers and the public key, never
   * the private key.
   */
  public static String describe(String text) {
    Map<String, String> keys = new HashMap<>();
    interfaceSection(text).lines().map(line -> line.split("=", 2)).filter(kv -> kv.length == 2)
        .forEach(kv -> keys.put(kv[0].strip(), kv[1].strip()));
    long peers = text.lines().filter("[Peer]"::equals).count();
    return INTERFACE + " at " + keys.get("Address") + ", udp port " + keys.get("ListenPort") + ", " + peers
        + " peer(s); the appliance's public key: " + WireGuardKey.of(keys.get("PrivateKey")).publicKey();
  }

  /** The [Interface] section alone: when only the peers changed, {@code wg syncconf} applies them in place. */
  static String interfaceSection(String text) {
    int peer = text.indexOf(PEER);
    return peer < 0 ? text : text.substring(0, peer);
  }
}
