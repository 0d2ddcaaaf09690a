package dev.appliance.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.Peer;
import dev.appliance.env.model.EnvConfig.Port;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.env.model.EnvLoader;
import dev.appliance.env.model.Secret;
import dev.appliance.support.TestEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendered table for several envs, each checked by the real {@code nft -c}. */
class FirewallRulesTest {

  static final String PRIVATE_KEY = "YHBu2bXqJwq2b4J8a+0g7vRr0bO1a9H6p2zqQnL3D2Q=";
  static final String PEER_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

  @TempDir
  Path dir;

  static VpnConfig vpn(boolean sshOnly, boolean httpsOnly) {
    return new VpnConfig(Secret.of(PRIVATE_KEY), "10.77.0.1/24", 51820,
        List.of(new Peer("ops", PEER_KEY, List.of("10.77.0.2/32"))), sshOnly, httpsOnly);
  }

  private void passesNftsCheck(String rules) throws Exception {
    assertEquals(Optional.empty(), PrivateNft.check(rules, dir), rules);
  }

  @Test
  void theDefaultEnvLetsSshHttpAndHttpsInFromAnywhereAndDropsTheRest() throws Exception {
    FirewallConfig firewall = EnvLoader.load(TestEnvs.localhost(dir)).appliance().firewall();
    String rules = FirewallRules.of(firewall, Optional.empty());
    assertEquals("""
        # Written by prepare-appliance from the env's appliance/firewall and appliance/vpn; change them there, not here.
        table inet appliance
        delete table inet appliance
        table inet appliance {
        \tchain input {
        \t\ttype filter hook input priority filter; policy drop;
        \t\tct state established,related accept
        \t\tct state invalid drop
        \t\tiifname "lo" accept
        \t\tmeta l4proto icmp accept
        \t\tmeta l4proto ipv6-icmp accept
        \t\tudp sport 67 udp dport 68 accept
        \t\tip6 saddr fe80::/10 udp sport 547 udp dport 546 accept
        \t\tip saddr { 0.0.0.0/0 } tcp dport 22 accept
        \t\tip6 saddr { ::/0 } tcp dport 22 accept
        \t\tip saddr { 0.0.0.0/0 } tcp dport { 80, 443 } accept
        \t\tip6 saddr { ::/0 } tcp dport { 80, 443 } accept
        \t}
        \tchain forward {
        \t\ttype filter hook forward priority filter - 10; policy accept;
        \t\tct state new ct status dnat jump published
        \t}
        \tchain published {
        \t\tip saddr { 0.0.0.0/0 } meta l4proto tcp ct original proto-dst 22 accept
        \t\tip6 saddr { ::/0 } meta l4proto tcp ct original proto-dst 22 accept
        \t\tip saddr { 0.0.0.0/0 } meta l4proto tcp ct original proto-dst 80 accept
        \t\tip6 saddr { ::/0 } meta l4proto tcp ct original proto-dst 80 accept
        \t\tip saddr { 0.0.0.0/0 } meta l4proto tcp ct original proto-dst 443 accept
        \t\tip6 saddr { ::/0 } meta l4proto tcp ct original proto-dst 443 accept
        \t\tdrop
        \t}
        }
        """, rules);
    passesNftsCheck(rules);
  }

  @Test
  void listedNetworksPortsAndAnEmptyListMeanExactlyThose() throws Exception {
    String rules = FirewallRules.of(new FirewallConfig(true, List.of("192.0.2.0/24", "2001:db8::/32", "198.51.100.7/32"),
        List.of(), List.of(new Port(9000, "tcp"), new Port(8443, "tcp"), new Port(51821, "udp"))), Optional.empty());
    passesNftsCheck(rules);
    assertTrue(rules.contains("\t\tip saddr { 192.0.2.0/24, 198.51.100.7/32 } tcp dport 22 accept\n"), rules);
    assertTrue(rules.contains("\t\tip6 saddr { 2001:db8::/32 } tcp dport 22 accept\n"), rules);
    assertFalse(rules.contains("{ 80, 443 }"), "https_from [] lets nobody in: " + rules);
    assertTrue(rules.contains("\t\ttcp dport { 8443, 9000 } accept\n\t\tudp dport 51821 accept\n"), rules);
    assertTrue(rules.contains("\t\tmeta l4proto tcp ct original proto-dst 8443 accept\n"
        + "\t\tmeta l4proto tcp ct original proto-dst 9000 accept\n"
        + "\t\tmeta l4proto udp ct original proto-dst 51821 accept\n\t\tdrop\n"), rules);
  }

  @Test
  void theVpnOpensItsPortAndSshOrHttpsOnlyMeansThroughItsInterfaceAlone() throws Exception {
    FirewallConfig restricted = new FirewallConfig(true, List.of("192.0.2.0/24"), List.of("0.0.0.0/0"), List.of());
    String both = FirewallRules.of(restricted, Optional.of(vpn(true, true)));
    passesNftsCheck(both);
    assertTrue(both.contains("\t\tiifname \"wg-appliance\" tcp dport 22 accept\n"
        + "\t\tiifname \"wg-appliance\" tcp dport { 80, 443 } accept\n\t\tudp dport 51820 accept\n"), both);
    assertTrue(both.contains("\t\tiifname \"wg-appliance\" meta l4proto tcp ct original proto-dst 443 accept\n"), both);
    assertFalse(both.contains("saddr { 192.0.2.0/24 }") || both.contains("saddr { 0.0.0.0/0 }"),
        "ssh_from and https_from no longer apply: " + both);

    String vpnAlongside = FirewallRules.of(restricted, Optional.of(vpn(false, false)));
    passesNftsCheck(vpnAlongside);
    assertTrue(vpnAlongside.contains("\t\tip saddr { 192.0.2.0/24 } tcp dport 22 accept\n"), vpnAlongside);
    assertFalse(vpnAlongside.contains("iifname \"wg-appliance\""), vpnAlongside);
    assertTrue(vpnAlongside.contains("\t\tudp dport 51820 accept\n"), vpnAlongside);
  }

  /** The env refuses 10.0/16 (Java reads it, nft does not); a rule set with it fails nft's check with nft's words. */
  @Test
  void aShortFormNetworkIsRefusedByTheEnvAndByNftsCheck() throws Exception {
    Path env = TestEnvs.localhost(dir.resolve("short"));
    String text = Files.readString(env);
    String shortForm = text.replaceFirst("(?m)^(    ssh_from:\n)      - 0\\.0\\.0\\.0/0\n", "$1      - 10.0/16\n");
    assertNotEquals(text, shortForm);
    Files.writeString(env, shortForm);
    var refused = assertThrows(dev.appliance.env.model.InvalidEnvException.class, () -> EnvLoader.load(env));
    assertTrue(refused.problems().toString().contains("'10.0' is not an IPv4 address"), refused.problems().toString());
    FirewallConfig firewall = new FirewallConfig(true, List.of("10.0/16"), List.of(), List.of());
    Optional<String> complaint = PrivateNft.check(FirewallRules.of(firewall, Optional.empty()), dir);
    assertTrue(complaint.orElse("").contains("syntax error") && complaint.get().contains("10.0/16"), complaint.toString());
  }
}
