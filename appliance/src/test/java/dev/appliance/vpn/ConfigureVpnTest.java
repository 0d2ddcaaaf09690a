package dev.appliance.vpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.Peer;
import dev.appliance.env.model.EnvConfig.VpnConfig;
import dev.appliance.env.model.Secret;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wg-quick file in a test root, read back by the real wireguard-tools. */
class ConfigureVpnTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String PEER_KEY = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

  @TempDir
  Path dir;

  private static String wg(String input, String... arguments) throws IOException {
    ProcessRunner.Started started = new ProcessRunner().start(ProcessRunner.Invocation.of(List.of(arguments)));
    started.stdin().write(input.getBytes(StandardCharsets.UTF_8));
    started.closeInput();
    return started.finish(TIMEOUT).stdout().strip();
  }

  /** wg-quick strip, which wants root: as another user, in a user namespace where it is root. */
  private static String wgQuickStrip(Path file) throws IOException {
    List<String> command = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("unshare", "--user", "--map-root-user"));
    }
    command.addAll(List.of("wg-quick", "strip", file.toString()));
    return new ProcessRunner().run(command, TIMEOUT).stdout();
  }

  @Test
  void theFileIsPrivateWgQuickReadsItAndTheLogShowsThePublicKeyAlone() throws Exception {
    String privateKey = wg("", "wg", "genkey");
    VpnConfig vpn = new VpnConfig(Secret.of(privateKey), "10.77.0.1/24", 51820, List.of(
        new Peer("ops", PEER_KEY, List.of("10.77.0.2/32", "10.77.1.0/24"))), true, false);
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    ConfigureVpn step = new ConfigureVpn(Optional.of(vpn));
    Path file = appliance.root.resolve(WireGuardConfig.FILE);
    try (Installation installation = appliance.installation()) {
      assertEquals(Optional.empty(), step.satisfied(installation));
      step.apply(installation);
      assertEquals("""
          # Written by prepare-appliance from the env's appliance/vpn; change it there, not here.
          [Interface]
          PrivateKey = %s
          Address = 10.77.0.1/24
          ListenPort = 51820

          [Peer]
          # ops
          PublicKey = %s
          AllowedIPs = 10.77.0.2/32, 10.77.1.0/24
          """.formatted(privateKey, PEER_KEY), Files.readString(file));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals(WireGuardConfig.stripped(vpn).strip(), wgQuickStrip(file).strip(), "what wg syncconf is given");

      String publicKey = wg(privateKey + "\n", "wg", "pubkey");
      assertEquals(publicKey, WireGuardConfig.publicKey(vpn));
      assertTrue(appliance.log.stream().anyMatch(line -> line.contains("the appliance's public key: " + publicKey)),
          appliance.log.toString());
      assertFalse(appliance.log.toString().contains(privateKey), "the private key never in the log");
      assertEquals(List.of(), appliance.processes.commands(), "a test root: no systemctl");
      assertTrue(step.satisfied(installation).orElse("").contains(publicKey), "a rerun is quiet and names the key");
      assertEquals(Optional.empty(), new ConfigureVpn(Optional.of(new VpnConfig(vpn.privateKey(), vpn.address(),
          51821, vpn.peers(), true, false))).satisfied(installation), "another port");

      ConfigureVpn off = new ConfigureVpn(Optional.empty());
      assertEquals(Optional.empty(), off.satisfied(installation));
      off.apply(installation);
      assertFalse(Files.exists(file));
      assertTrue(off.satisfied(installation).isPresent());
    }
  }

  @Test
  void onlyThePeersDifferingIsWhatSyncconfCanApply() {
    VpnConfig one = new VpnConfig(Secret.of("YHBu2bXqJwq2b4J8a+0g7vRr0bO1a9H6p2zqQnL3D2Q="), "10.77.0.1/24", 51820,
        List.of(new Peer("ops", PEER_KEY, List.of("10.77.0.2/32"))), false, false);
    VpnConfig morePeers = new VpnConfig(one.privateKey(), one.address(), one.listenPort(), List.of(one.peers().get(0),
        new Peer("site", PEER_KEY, List.of("10.77.0.3/32"))), false, false);
    VpnConfig otherAddress = new VpnConfig(one.privateKey(), "10.78.0.1/24", 51820, one.peers(), false, false);
    String section = WireGuardConfig.interfaceSection(WireGuardConfig.of(one));
    assertEquals(section, WireGuardConfig.interfaceSection(WireGuardConfig.of(morePeers)));
    assertFalse(section.equals(WireGuardConfig.interfaceSection(WireGuardConfig.of(otherAddress))));
    assertFalse(section.contains("[Peer]"), section);
  }
}
