package dev.appliance.firewall;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.host.HostRoot;
import dev.appliance.steps.Step;
import dev.appliance.steps.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The appliance's nftables table from the env's appliance/firewall (and the VPN's port and interface): on the
 * machine's own root checked and loaded in one transaction, a rule set that fails its check leaving the one in force;
 * firewall/enabled false deletes the table. In a test root the rules are written to the run state and logged, not
 * loaded.
 */
public final class ConfigureFirewall implements Step {

  private final FirewallConfig firewall;
  private final Optional<VpnConfig> vpn;

  public ConfigureFirewall(FirewallConfig firewall, Optional<VpnConfig> vpn) {
    this.firewall = firewall;
    this.vpn = vpn;
  }

  @Override
  public String name() {
    return "firewall";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    if (!context.root().isSystem()) {
      Path planned = planned(context);
      boolean current = firewall.enabled() ? Files.exists(planned) && Files.readString(planned).equals(rules())
          : !Files.exists(planned);
      return current ? Optional.of("planned in " + planned + " (this is not the machine's own root)") : Optional.empty();
    }
    if (!firewall.enabled()) {
      return table(context).exists() ? Optional.empty() : Optional.of("off (firewall/enabled is false)");
    }
    return table(context).inForce(rules()) ? Optional.of("in force (nft list table inet appliance)") : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    if (!context.root().isSystem()) {
      if (firewall.enabled()) {
        context.root().files().write(planned(context), "rw-r--r--", rules());
        context.log().accept("firewall: not loaded (this is not the machine's own root); the rules:\n" + rules());
      } else {
        context.root().files().delete(planned(context));
        context.log().accept("firewall: off (firewall/enabled is false)");
      }
      return;
    }
    if (!firewall.enabled()) {
      table(context).remove();
      context.log().accept("firewall: off (firewall/enabled is false): table inet appliance deleted");
      return;
    }
    table(context).replace(rules());
    context.log().accept("firewall: table inet appliance loaded (nft list table inet appliance shows it)");
  }

  private String rules() {
    return FirewallRules.of(firewall, vpn);
  }

  private static ApplianceTable table(StepContext context) {
    return new ApplianceTable(context.root(), NftCommands.here(), context.processes());
  }

  private static Path planned(StepContext context) {
    return planned(context.root());
  }

  /** Where a test root's rules are written instead of loaded. */
  public static Path planned(HostRoot root) {
    return root.runState().resolve("firewall/planned.nft");
  }
}
