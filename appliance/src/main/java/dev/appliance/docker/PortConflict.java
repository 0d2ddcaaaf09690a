package dev.appliance.docker;

import dev.appliance.engine.PortTakenException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's answer to starting a container whose published port is taken, read for the port: "listen tcp4
 * 127.0.0.1:8443: bind: address already in use" (another program), or "Bind for 0.0.0.0:8443 failed: port is
 * already allocated" (another container).
 */
final class PortConflict {

  private static final Pattern TAKEN =
      Pattern.compile("(\\S+):(\\d+)(?:: bind: address already in use| failed: port is already allocated)");

  private PortConflict() {}

  /** The conflict in {@code engineMessage}, if it is one, as what {@code service}'s container {@code name} can do. */
  static Optional<PortTakenException> in(String engineMessage, String name, String service) {
    Matcher taken = TAKEN.matcher(String.valueOf(engineMessage));
    if (!taken.find()) {
      return Optional.empty();
    }
    String port = taken.group(2);
    return Optional.of(new PortTakenException(Integer.parseInt(port), name + " cannot start: port " + port + " on "
        + taken.group(1) + " is taken; find what holds it with: ss -ltnp 'sport = :" + port + "' (docker-proxy there"
        + " is another container: docker ps --filter publish=" + port + "). Stop it, or publish " + service
        + " on another port: the front proxy's ports are set with --http-port and --https-port, any other"
        + " service's by its 'ports' in the stack file"));
  }
}
