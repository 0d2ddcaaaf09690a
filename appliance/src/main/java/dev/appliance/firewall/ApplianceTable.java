package dev.appliance.firewall;

import dev.appliance.env.process.ProcessRunner;
import dev.appliance.env.process.ProcessRunner.ProcessException;
import dev.appliance.host.HostRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The live table {@code inet appliance}. It keeps, in the run state (lost at reboot like the table itself), the file
 * it last loaded and nft's listing of the table right after: the table is in force when both still match, so a rerun
 * changes nothing while a table changed by hand is loaded again. A copy of the loaded file outlives a reboot
 * ({@link #bootCopy}): appliance-firewall.service loads it before the network comes up.
 */
public final class ApplianceTable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HostRoot root;
  private final NftCommands nft;
  private final ProcessRunner processes;

  public ApplianceTable(HostRoot root, NftCommands nft, ProcessRunner processes) {
    this.root = root;
    this.nft = nft;
    this.processes = processes;
  }

  /** Whether {@code rules} are what the kernel holds now. */
  public boolean inForce(String rules) throws IOException {
    return Files.exists(loaded()) && Files.exists(listing()) && Files.readString(loaded()).equals(rules)
        && exists() && Files.readString(listing()).equals(list());
  }

  /**
   * Checks {@code rules} with {@code nft -c}, then loads them in one transaction.
   *
   * @throws FirewallRejectedException if the check fails: nothing was loaded
   */
  public void replace(String rules) throws IOException {
    Path candidate = dir().resolve("candidate.nft");
    root.files().write(candidate, "rw-r--r--", rules);
    try {
      processes.run(nft.check(candidate), TIMEOUT);
    } catch (ProcessException e) {
      root.files().delete(candidate);
      throw e.exitCode() == ProcessRunner.NO_EXIT ? e : new FirewallRejectedException(e.stderr());
    }
    // From here until the move, a crash leaves it not in force: the next run loads it again.
    root.files().delete(loaded());
    processes.run(nft.load(candidate), TIMEOUT);
    root.files().write(listing(), "rw-r--r--", list());
    root.files().write(bootCopy(root), "rw-r--r--", rules);
    root.files().move(candidate, loaded());
  }

  /** Whether the table exists, whoever made it. */
  public boolean exists() throws IOException {
    return processes.run(nft.listTables(), TIMEOUT).stdout().lines().map(String::strip)
        .anyMatch(("table " + String.join(" ", FirewallRules.TABLE))::equals);
  }

  /** Deletes the table if it exists. */
  public void remove() throws IOException {
    if (exists()) {
      processes.run(nft.deleteTable(), TIMEOUT);
    }
    root.files().delete(loaded());
    root.files().delete(listing());
    root.files().delete(bootCopy(root));
  }

  /** nft's listing of the table now. */
  public String list() throws IOException {
    return processes.run(nft.listTable(), TIMEOUT).stdout();
  }

  private Path dir() {
    return root.runState().resolve("firewall");
  }

  private Path loaded() {
    return loaded(root);
  }

  /** The file last loaded into the table of {@code root}'s machine (gone at reboot, like the table). */
  public static Path loaded(HostRoot root) {
    return root.runState().resolve("firewall/loaded.nft");
  }

  /** The rule set appliance-firewall.service loads at boot: the last one nft accepted. */
  public static Path bootCopy(HostRoot root) {
    return root.resolve("/var/lib/appliance/firewall.nft");
  }

  private Path listing() {
    return dir().resolve("listing.txt");
  }
}
