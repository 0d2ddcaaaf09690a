package dev.appliance.vpn;

import java.nio.file.Path;
import java.util.List;

/** The wg(8) command lines the appliance runs; keys travel in files, never in arguments. */
public final class WireGuardCommands {

  private WireGuardCommands() {}

  /** Applies {@code file} (wg's own format, as {@code wg-quick strip} prints it) to the running interface in place. */
  public static List<String> syncconf(String interfaceName, Path file) {
    return List.of("wg", "syncconf", interfaceName, file.toString());
  }
}
