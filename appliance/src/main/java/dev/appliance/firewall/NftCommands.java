package dev.appliance.firewall;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The nft(8) command lines for the appliance's table, run in this machine's network namespace or, with a
 * {@code prefix} such as {@code ip netns exec NAME}, in another one.
 */
public record NftCommands(List<String> prefix) {

  public NftCommands {
    prefix = List.copyOf(prefix);
  }

  /** This machine's own network namespace. */
  public static NftCommands here() {
    return new NftCommands(List.of());
  }

  /** The network namespace {@code name} of {@code ip netns}. */
  public static NftCommands inNamespace(String name) {
    return new NftCommands(List.of("ip", "netns", "exec", name));
  }

  /** Parses {@code file} and checks it against the kernel, changing nothing. */
  public List<String> check(Path file) {
    return nft("-c", "-f", file.toString());
  }

  /** Loads {@code file} in one transaction: all of it, or nothing. */
  public List<String> load(Path file) {
    return nft("-f", file.toString());
  }

  /** Prints the appliance's table as the kernel holds it. */
  public List<String> listTable() {
    return nft(concat(List.of("list", "table"), FirewallRules.TABLE));
  }

  /** Prints the {@code inet} tables, one {@code table inet NAME} line each. */
  public List<String> listTables() {
    return nft("list", "tables", FirewallRules.TABLE.get(0));
  }

  public List<String> deleteTable() {
    return nft(concat(List.of("delete", "table"), FirewallRules.TABLE));
  }

  private List<String> nft(String... arguments) {
    return nft(List.of(arguments));
  }

  private List<String> nft(List<String> arguments) {
    List<String> command = new ArrayList<>(prefix);
    command.add("nft");
    command.addAll(arguments);
    return command;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
