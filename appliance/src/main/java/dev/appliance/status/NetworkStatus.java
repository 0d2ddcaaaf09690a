package dev.appliance.status;

import dev.appliance.firewall.ApplianceTable;
import dev.appliance.firewall.ConfigureFirewall;
import dev.appliance.host.HostRoot;
import dev.appliance.vpn.WireGuardConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The firewall and the VPN as prepare-appliance left them.
 *
 * @param firewall whether the appliance's nftables table was loaded (or, in a test root, planned)
 * @param vpn the VPN's address, port, peers and the appliance's public key (what peers need), or off
 */
public record NetworkStatus(String firewall, String vpn) {

  static NetworkStatus read(HostRoot root) throws IOException {
    String firewall = Files.exists(ApplianceTable.loaded(root)) ? "table inet appliance loaded (nft list table inet appliance)"
        : Files.exists(ConfigureFirewall.planned(root)) ? "planned in " + ConfigureFirewall.planned(root) + ", not loaded"
        : "no table of the appliance's (firewall/enabled false, or prepare-appliance has not run since the boot)";
    Path file = root.resolve(WireGuardConfig.FILE);
    String vpn = !Files.exists(file) ? "off"
        : Files.isReadable(file) ? WireGuardConfig.describe(Files.readString(file))
        : "configured in " + WireGuardConfig.FILE + " (its public key: run appliance status as root)";
    return new NetworkStatus(firewall, vpn);
  }

  List<String> lines() {
    return List.of("firewall:    " + firewall, "vpn:         " + vpn);
  }
}
