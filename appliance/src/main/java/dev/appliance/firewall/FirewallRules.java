package dev.appliance.firewall;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.Port;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.vpn.WireGuardConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nft file of the appliance's table, {@code inet appliance}: one file that creates the table if absent, deletes
 * it and defines it again, so that {@code nft -f} swaps the whole table in one transaction (or changes nothing).
 *
 * <p>The input chain drops what is not allowed. Ports that containers publish never reach it: Docker (iptables-nft
 * on Debian) DNATs them in {@code ip nat PREROUTING} and accepts them in {@code ip filter FORWARD}, as {@code nft list
 * ruleset} shows after {@code docker run -p}. They are filtered by a forward chain of this table at priority
 * {@code filter - 10}, before Docker's, which drops new DNATed connections unless their original destination port
 * ({@code ct original proto-dst}: the container's port is what {@code tcp dport} sees) and source are allowed. A drop
 * there is final whatever Docker's chains say, and its accept only lets Docker's chains decide. This rather than
 * Docker's DOCKER-USER chain: that one lives in tables iptables-nft owns ("do not touch"), is IPv4 only, and exists
 * only once Docker has started, while this table is in force before Docker starts and stays when it restarts. Its
 * policy is accept: traffic that Docker did not DNAT (containers' own connections) is Docker's to judge.
 */
public final class FirewallRules {

  /** The table's family and name, as nft commands take them. */
  public static final List<String> TABLE = List.of("inet", "appliance");

  private FirewallRules() {}

  /**
   * What may come in: a protocol and its ports, from anywhere, from the networks given (an empty list: from nowhere)
   * or through one interface.
   */
  private record Allowance(String protocol, List<Integer> ports, Optional<List<String>> sources, Optional<String> through) {

    static Allowance anywhere(String protocol, List<Integer> ports) {
      return new Allowance(protocol, ports, Optional.empty(), Optional.empty());
    }

    static Allowance from(String protocol, List<Integer> ports, List<String> networks) {
      return new Allowance(protocol, ports, Optional.of(networks), Optional.empty());
    }

    static Allowance through(String protocol, List<Integer> ports, String interfaceName) {
      return new Allowance(protocol, ports, Optional.empty(), Optional.of(interfaceName));
    }

    /**
     * The rules that accept it: by its destination port, or for a DNATed connection by the port it was sent to, one
     * rule a port (nft 1.0.6 lists a set of original ports as "0x50 [invalid type]", which it cannot read back).
     */
    List<String> rules(boolean published) {
      List<String> matches = published
          ? ports.stream().map(p -> "meta l4proto " + protocol + " ct original proto-dst " + p).toList()
          : List.of(protocol + " dport " + set(ports.stream().map(String::valueOf).toList()));
      String prefix = through.map(name -> "iifname \"" + name + "\" ").orElse("");
      List<String> rules = new ArrayList<>();
      for (String match : matches) {
        if (sources.isEmpty()) {
          rules.add(prefix + match + " accept");
          continue;
        }
        family(sources.get(), false).ifPresent(set -> rules.add("ip saddr " + set + " " + match + " accept"));
        family(sources.get(), true).ifPresent(set -> rules.add("ip6 saddr " + set + " " + match + " accept"));
      }
      return rules;
    }

    /** The env's networks of one family as an anonymous set, written as the env wrote them (nft checks them). */
    private static Optional<String> family(List<String> networks, boolean ipv6) {
      List<String> family = networks.stream().map(String::strip).filter(n -> n.contains(":") == ipv6).toList();
      return family.isEmpty() ? Optional.empty() : Optional.of("{ " + String.join(", ", family) + " }");
    }

    private static String set(List<String> values) {
      return values.size() == 1 ? values.get(0) : "{ " + String.join(", ", values) + " }";
    }
  }

  /** The file for {@code firewall} (enabled) with the VPN's port and interface when {@code vpn} is present. */
  public static String of(FirewallConfig firewall, Optional<VpnConfig> vpn) {
    List<Allowance> allowed = allowances(firewall, vpn);
    StringBuilder text = new StringBuilder("# Written by prepare-appliance from the env's appliance/firewall and"
        + " appliance/vpn; change them there, not here.\n");
    text.append("table inet appliance\ndelete table inet appliance\ntable inet appliance {\n");
    List<String> input = new ArrayList<>(List.of(
        "ct state established,related accept",
        "ct state invalid drop",
        "iifname \"lo\" accept",
        // ICMPv6 carries neighbour discovery and router advertisements: without it IPv6 stops working.
        "meta l4proto icmp accept",
        "meta l4proto ipv6-icmp accept",
        // DHCP offers and acks are broadcast or come from another address: conntrack does not see them as replies.
        "udp sport 67 udp dport 68 accept",
        "ip6 saddr fe80::/10 udp sport 547 udp dport 546 accept"));
    input.addAll(rules(allowed, false));
    chain(text, "input", Optional.of("type filter hook input priority filter; policy drop;"), input);
    chain(text, "forward", Optional.of("type filter hook forward priority filter - 10; policy accept;"),
        List.of("ct state new ct status dnat jump published"));
    List<String> published = new ArrayList<>(rules(allowed, true));
    published.add("drop");
    chain(text, "published", Optional.empty(), published);
    return text.append("}\n").toString();
  }

  private static List<Allowance> allowances(FirewallConfig firewall, Optional<VpnConfig> vpn) {
    boolean sshOnly = vpn.map(VpnConfig::sshOnly).orElse(false);
    boolean httpsOnly = vpn.map(VpnConfig::httpsOnly).orElse(false);
    String tunnel = WireGuardConfig.INTERFACE;
    List<Allowance> allowed = new ArrayList<>();
    List<Integer> ssh = List.of(22);
    List<Integer> web = List.of(80, 443);
    allowed.add(sshOnly ? Allowance.through("tcp", ssh, tunnel) : Allowance.from("tcp", ssh, firewall.sshFrom()));
    allowed.add(httpsOnly ? Allowance.through("tcp", web, tunnel) : Allowance.from("tcp", web, firewall.httpsFrom()));
    for (String protocol : List.of("tcp", "udp")) {
      List<Integer> ports = firewall.ports().stream().filter(p -> p.protocol().equals(protocol))
          .map(Port::number).distinct().sorted().toList();
      if (!ports.isEmpty()) {
        allowed.add(Allowance.anywhere(protocol, ports));
      }
    }
    vpn.ifPresent(v -> allowed.add(Allowance.anywhere("udp", List.of(v.listenPort()))));
    return allowed;
  }

  private static List<String> rules(List<Allowance> allowed, boolean published) {
    return allowed.stream().flatMap(a -> a.rules(published).stream()).toList();
  }

  private static void chain(StringBuilder text, String name, Optional<String> hook, List<String> rules) {
    text.append("\tchain ").append(name).append(" {\n");
    hook.ifPresent(h -> text.append("\t\t").append(h).append('\n'));
    for (String rule : rules) {
      text.append("\t\t").append(rule).append('\n');
    }
    text.append("\t}\n");
  }
}
