package dev.appliance.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.host.HostRoot;
import dev.appliance.steps.Installation;
import dev.appliance.support.FakeAppliance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step in a test root (planned and logged, nothing run), and a rejected rule set (nothing loaded). */
class ConfigureFirewallTest {

  static final FirewallConfig SSH_FROM_ONE_NETWORK = new FirewallConfig(true, List.of("192.0.2.0/24"),
      List.of("0.0.0.0/0", "::/0"), List.of());

  @TempDir
  Path dir;

  @Test
  void aTestRootGetsTheRulesWrittenAndLoggedNotLoadedAndARerunIsQuiet() throws Exception {
    FakeAppliance appliance = FakeAppliance.ofProjectStack(dir);
    ConfigureFirewall step = new ConfigureFirewall(SSH_FROM_ONE_NETWORK, Optional.empty());
    Path planned = appliance.root.runState().resolve("firewall/planned.nft");
    try (Installation installation = appliance.installation()) {
      assertEquals(Optional.empty(), step.satisfied(installation));
      step.apply(installation);
      String rules = FirewallRules.of(SSH_FROM_ONE_NETWORK, Optional.empty());
      assertEquals(rules, Files.readString(planned));
      assertTrue(appliance.log.stream().anyMatch(line -> line.contains("not loaded") && line.contains(rules)),
          appliance.log.toString());
      assertEquals(List.of(), appliance.processes.commands(), "a test root: no nft");
      assertTrue(step.satisfied(installation).isPresent(), "a rerun is quiet");
      assertEquals(Optional.empty(), new ConfigureFirewall(new FirewallConfig(true, List.of("198.51.100.0/24"),
          List.of(), List.of()), Optional.empty()).satisfied(installation), "another env: other rules");

      ConfigureFirewall off = new ConfigureFirewall(new FirewallConfig(false, List.of(), List.of(), List.of()),
          Optional.empty());
      assertEquals(Optional.empty(), off.satisfied(installation));
      off.apply(installation);
      assertFalse(Files.exists(planned));
      assertTrue(off.satisfied(installation).isPresent());
    }
  }

  /** Runs the real nft but records each command line. */
  static final class Recorded extends ProcessRunner {
    final List<List<String>> commands = new CopyOnWriteArrayList<>();

    @Override
    public Output run(List<String> command, Duration timeout) throws ProcessException {
      commands.add(command);
      return super.run(command, timeout);
    }
  }

  @Test
  void rulesThatFailTheCheckAreNotLoadedAndTheFailureQuotesNft() throws Exception {
    HostRoot root = new HostRoot(dir);
    Recorded processes = new Recorded();
    ApplianceTable table = new ApplianceTable(root, PrivateNft.COMMANDS, processes);
    String broken = FirewallRules.of(new FirewallConfig(true, List.of("10.0/16"), List.of(), List.of()), Optional.empty());
    FirewallRejectedException e = assertThrows(FirewallRejectedException.class, () -> table.replace(broken));
    assertTrue(e.nftMessage().contains("Error: syntax error") && e.nftMessage().contains("10.0/16"), e.nftMessage());
    assertTrue(e.getMessage().contains("the rules in force stay") && e.getMessage().contains(e.nftMessage()),
        e.getMessage());
    assertEquals(List.of(PrivateNft.COMMANDS.check(root.runState().resolve("firewall/candidate.nft"))),
        processes.commands, "the check alone: no nft -f");
    try (var files = Files.list(root.runState().resolve("firewall"))) {
      assertEquals(List.of(), files.toList(), "nothing kept as loaded");
    }
  }
}
