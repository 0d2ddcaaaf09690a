package dev.appliance.vpn;

import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.steps.Step;
import dev.appliance.steps.StepContext;
import dev.appliance.supervise.SystemctlCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The WireGuard interface from the env's appliance/vpn: its wg-quick file (0600) and, on the machine's own root,
 * {@code wg-quick@wg-appliance} enabled and started; a change of peers alone is applied in place by {@code wg
 * syncconf}, without dropping the tunnels. No VPN in the env: the unit stopped and disabled, the file removed.
 */
public final class ConfigureVpn implements Step {

  static final String UNIT = "wg-quick@" + WireGuardConfig.INTERFACE;
  private static final Duration TIMEOUT = Duration.ofMinutes(1);
  /** The unit's state when the VPN is up: running, and started at boot. */
  private static final Set<String> ON = Set.of("ActiveState=active", "UnitFileState=enabled");

  private final Optional<VpnConfig> vpn;

  public ConfigureVpn(Optional<VpnConfig> vpn) {
    this.vpn = vpn;
  }

  @Override
  public String name() {
    return "vpn";
  }

  @Override
  public Optional<String> satisfied(StepContext context) throws Exception {
    Path file = context.root().resolve(WireGuardConfig.FILE);
    boolean system = context.root().isSystem();
    if (vpn.isEmpty()) {
      return !Files.exists(file) && !(system && unit(context).anyMatch(ON::contains)) ? Optional.of("off (no appliance/vpn)")
          : Optional.empty();
    }
    boolean current = Files.exists(file) && Files.readString(file).equals(WireGuardConfig.of(vpn.get()));
    return current && (!system || unit(context).filter(ON::contains).count() == ON.size())
        ? Optional.of(summary(vpn.get(), system)) : Optional.empty();
  }

  @Override
  public void apply(StepContext context) throws Exception {
    Path file = context.root().resolve(WireGuardConfig.FILE);
    if (vpn.isEmpty()) {
      if (context.root().isSystem() && unit(context).anyMatch(ON::contains)) {
        context.processes().run(SystemctlCommands.disableNow(UNIT), TIMEOUT);
      }
      context.root().files().delete(file);
      context.log().accept("vpn off: " + UNIT + " stopped and disabled, " + WireGuardConfig.FILE + " removed");
      return;
    }
    String text = WireGuardConfig.of(vpn.get());
    String previous = Files.exists(file) ? Files.readString(file) : "";
    context.root().files().write(file, "rw-------", text);
    if (context.root().isSystem()) {
      start(context, !previous.equals(text) && unit(context).anyMatch("ActiveState=active"::equals)
          && WireGuardConfig.interfaceSection(previous).equals(WireGuardConfig.interfaceSection(text)));
    }
    context.log().accept("vpn: " + summary(vpn.get(), context.root().isSystem()));
  }

  /** {@code peersOnly}: the interface runs and only its peers changed, which {@code wg syncconf} applies in place. */
  private void start(StepContext context, boolean peersOnly) throws IOException {
    context.processes().run(SystemctlCommands.enable(UNIT), TIMEOUT);
    if (!peersOnly) {
      context.processes().run(SystemctlCommands.restart(UNIT), TIMEOUT);
      return;
    }
    Path stripped = context.root().scratch().resolve(WireGuardConfig.INTERFACE + ".stripped");
    context.root().files().write(stripped, "rw-------", WireGuardConfig.stripped(vpn.get()));
    try {
      context.processes().run(WireGuardCommands.syncconf(WireGuardConfig.INTERFACE, stripped), TIMEOUT);
    } finally {
      context.root().files().delete(stripped);
    }
  }

  /** The unit's state lines, such as {@code ActiveState=active}. */
  private static Stream<String> unit(StepContext context) throws IOException {
    return context.processes().run(SystemctlCommands.show(UNIT, List.of("ActiveState", "UnitFileState")), TIMEOUT)
        .stdout().lines().map(String::strip);
  }

  private static String summary(VpnConfig vpn, boolean system) {
    return (system ? WireGuardConfig.INTERFACE + " up" : WireGuardConfig.FILE + " written, not started (this is not"
        + " the machine's own root)") + " at " + vpn.address() + ", udp port " + vpn.listenPort() + ", "
        + vpn.peers().size() + " peer(s); the appliance's public key: " + WireGuardConfig.publicKey(vpn);
  }
}
