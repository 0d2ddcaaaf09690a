package dev.appliance.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.appliance.env.model.EnvConfig.FirewallConfig;
import dev.appliance.env.model.EnvConfig.Port;
import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.ProcessException;
import dev.appliance.host.HostRoot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table in force, in network namespaces of the test's own (root needed; this machine's rules are never touched):
 * the appliance's namespace, a client with an allowed and a disallowed address on a veth pair, and a "container"
 * behind a Docker-like DNAT (nat prerouting, and a filter forward chain whose policy is drop and which accepts the
 * DNATed traffic, as Docker's iptables-nft rules do). A probe is reached when curl gets the listener's 200, dropped
 * when it times out.
 */
class FirewallIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String ALLOWED = "192.0.2.2";
  private static final String OTHER = "192.0.2.3";
  private static final FirewallConfig RULES = new FirewallConfig(true, List.of(ALLOWED + "/32"),
      List.of(ALLOWED + "/32"), List.of(new Port(9000, "tcp")));

  private final ProcessRunner processes = new ProcessRunner();
  private final String id = UUID.randomUUID().toString().substring(0, 6);
  private final String appliance = "fw-" + id;
  private final String client = "fwc-" + id;
  private final String container = "fwk-" + id;
  private final List<ProcessRunner.Started> listeners = new ArrayList<>();

  @TempDir
  Path dir;

  private ApplianceTable table;

  private void run(String... command) throws ProcessException {
    processes.run(List.of(command), TIMEOUT);
  }

  private void in(String namespace, String... command) throws ProcessException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
    all.addAll(List.of(command));
    processes.run(all, TIMEOUT);
  }

  @BeforeEach
  void namespaces() throws Exception {
    assertEquals("root", System.getProperty("user.name"), "FirewallIT makes network namespaces: run it as root");
    for (String namespace : List.of(appliance, client, container)) {
      run("ip", "netns", "add", namespace);
      in(namespace, "ip", "link", "set", "lo", "up");
    }
    run("ip", "link", "add", "fwa" + id, "netns", appliance, "type", "veth", "peer", "name", "fwc" + id, "netns", client);
    in(appliance, "ip", "addr", "add", "192.0.2.1/24", "dev", "fwa" + id);
    in(appliance, "ip", "addr", "add", "fd00:77::1/64", "dev", "fwa" + id, "nodad");
    in(client, "ip", "addr", "add", ALLOWED + "/24", "dev", "fwc" + id);
    in(client, "ip", "addr", "add", OTHER + "/24", "dev", "fwc" + id);
    in(client, "ip", "addr", "add", "fd00:77::2/64", "dev", "fwc" + id, "nodad");
    run("ip", "link", "add", "fwd" + id, "netns", appliance, "type", "veth", "peer", "name", "fwk" + id, "netns", container);
    in(appliance, "ip", "addr", "add", "172.31.0.1/24", "dev", "fwd" + id);
    in(container, "ip", "addr", "add", "172.31.0.2/24", "dev", "fwk" + id);
    for (String[] link : List.of(new String[] {appliance, "fwa"}, new String[] {appliance, "fwd"},
        new String[] {client, "fwc"}, new String[] {container, "fwk"})) {
      in(link[0], "ip", "link", "set", link[1] + id, "up");
    }
    in(container, "ip", "route", "add", "default", "via", "172.31.0.1");
    in(appliance, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
    Path docker = Files.writeString(dir.resolve("docker-like.nft"), """
        table ip dockerlike {
        \tchain prerouting {
        \t\ttype nat hook prerouting priority dstnat; policy accept;
        \t\ttcp dport 443 dnat to 172.31.0.2:443
        \t\ttcp dport 8080 dnat to 172.31.0.2:80
        \t}
        \tchain forward {
        \t\ttype filter hook forward priority filter; policy drop;
        \t\tct state established,related accept
        \t\tip daddr 172.31.0.2 tcp dport { 80, 443 } accept
        \t}
        }
        """);
    in(appliance, "nft", "-f", docker.toString());
    listen(appliance, "22", "9000");
    listen(container, "80", "443");
    table = new ApplianceTable(new HostRoot(dir.resolve("root")), NftCommands.inNamespace(appliance), processes);
  }

  private void listen(String namespace, String... ports) throws IOException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        Listener.class.getName()));
    command.addAll(List.of(ports));
    ProcessRunner.Started started = processes.start(ProcessRunner.Invocation.of(command));
    listeners.add(started);
    started.closeInput();
    String first = new BufferedReader(new InputStreamReader(started.stdout(), StandardCharsets.UTF_8)).readLine();
    assertEquals("listening", first, started.errors(Duration.ofSeconds(1)));
  }

  @AfterEach
  void remove() throws Exception {
    listeners.forEach(ProcessRunner.Started::close);
    for (String namespace : List.of(appliance, client, container)) {
      run("ip", "netns", "delete", namespace);
    }
  }

  /** Whether a connection from {@code source} to the appliance's {@code port} got the listener's answer. */
  private boolean reaches(String source, String host, int port) throws IOException {
    try {
      in(client, "curl", "-sf", "-o", "/dev/null", "-g", "--interface", source, "--connect-timeout", "1",
          "http://" + host + ":" + port + "/");
      return true;
    } catch (ProcessException e) {
      assertEquals(28, e.exitCode(), "curl timed out (dropped), or else: " + e.getMessage());
      return false;
    }
  }

  private boolean reaches(String source, int port) throws IOException {
    return reaches(source, "192.0.2.1", port);
  }

  private String listing() throws IOException {
    return processes.run(NftCommands.inNamespace(appliance).listTable(), TIMEOUT).stdout();
  }

  @Test
  void allowedSourcesAndPortsGetInPublishedPortsAreFilteredByTheirOwnPortAndBrokenRulesChangeNothing() throws Exception {
    assertTrue(reaches(OTHER, 22) && reaches(OTHER, 443), "without the table, everything gets in");
    String rules = FirewallRules.of(RULES, Optional.empty());
    table.replace(rules);

    assertTrue(reaches(ALLOWED, 22), "ssh from ssh_from");
    assertFalse(reaches(OTHER, 22), "ssh from elsewhere");
    assertTrue(reaches(OTHER, 9000), "an extra port, from anywhere");
    assertTrue(reaches("fd00:77::2", "[fd00:77::1]", 9000), "over IPv6: neighbour discovery works");
    assertTrue(reaches(ALLOWED, 443), "a published port (DNATed) from https_from");
    assertFalse(reaches(OTHER, 443), "a published port from elsewhere");
    assertFalse(reaches(ALLOWED, 8080), "published 8080 (to the container's port 80) is not allowed: its own port counts");
    assertTrue(table.inForce(rules), "a rerun is quiet");
    Path bootCopy = ApplianceTable.bootCopy(new HostRoot(dir.resolve("root")));
    assertEquals(rules, Files.readString(bootCopy), "what the next boot loads before the network");

    String before = listing();
    in(appliance, "nft", "-c", "-f", Files.writeString(dir.resolve("listing.nft"), before).toString());
    String broken = FirewallRules.of(new FirewallConfig(true, List.of("10.0/16"), List.of(), List.of()), Optional.empty());
    assertThrows(FirewallRejectedException.class, () -> table.replace(broken));
    assertEquals(before, listing(), "the rules in force stay");
    assertEquals(rules, Files.readString(bootCopy), "a refused rule set never reaches the boot copy");
    assertFalse(reaches(OTHER, 22));
    assertTrue(table.inForce(rules));

    in(appliance, "nft", "add", "rule", "inet", "appliance", "input", "tcp", "dport", "22", "accept");
    assertFalse(table.inForce(rules), "a table changed by hand is loaded again");
    assertTrue(reaches(OTHER, 22));
    table.replace(rules);
    assertFalse(reaches(OTHER, 22));

    table.remove();
    assertFalse(table.exists());
    assertFalse(Files.exists(bootCopy), "no table at the next boot either");
    assertTrue(reaches(OTHER, 22) && reaches(OTHER, 443), "firewall off: the table is gone");
    assertTrue(processes.run(List.of("ip", "netns", "exec", appliance, "nft", "list", "tables"), TIMEOUT).stdout()
        .contains("table ip dockerlike"), "the other tables stay");
  }
}
