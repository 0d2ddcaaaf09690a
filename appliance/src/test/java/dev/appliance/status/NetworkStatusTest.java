package dev.appliance.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.Peer;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.firewall.ConfigureFirewall;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import dev.appliance.vpn.ConfigureVpn;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What status says of the firewall and the VPN the steps left. */
class NetworkStatusTest {

  // A key pair from wg genkey and wg pubkey.
  private static final String PRIVATE_KEY = "SDXuhcchT/RNPwWJnTAiBBPhw+Ag/KuHRnzdYrYkSX8=";
  private static final String PUBLIC_KEY = "/Qm/QwB0zv9YvKjQCSbIE+MnW8Lt7JUxKHUixVBZml0=";

  @TempDir
  Path dir;

  @Test
  void theVpnsPublicKeyAndAddressAndTheFirewallsPlanAreShownNeverThePrivateKey() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    assertEquals(List.of("firewall:    no table of the appliance's (firewall/enabled false, or prepare-appliance has not"
        + " run since the boot)", "vpn:         off"), NetworkStatus.read(appliance.root).lines());
    VpnConfig vpn = new VpnConfig(Secret.of(PRIVATE_KEY), "10.77.0.1/24", 51820, List.of(
        new Peer("ops", "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=", List.of("10.77.0.2/32"))), false, false);
    try (Installation installation = appliance.installation()) {
      new ConfigureVpn(Optional.of(vpn)).apply(installation);
      new ConfigureFirewall(new FirewallConfig(true, List.of(), List.of(), List.of()), Optional.of(vpn)).apply(installation);
    }
    List<String> lines = NetworkStatus.read(appliance.root).lines();
    assertEquals(List.of("firewall:    planned in " + ConfigureFirewall.planned(appliance.root) + ", not loaded",
        "vpn:         wg-appliance at 10.77.0.1/24, udp port 51820, 1 peer(s); the appliance's public key: " + PUBLIC_KEY),
        lines);
    assertFalse(lines.toString().contains(PRIVATE_KEY));
  }
}
