package dev.appliance.firewall;

import java.io.IOException;

/** nft refused the rendered rules in its check: nothing was loaded and the rules in force stay. */
public final class FirewallRejectedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String nftMessage;

  public FirewallRejectedException(String nftMessage) {
    super("the firewall rules from the env's appliance/firewall and appliance/vpn failed nft's check, so the rules"
        + " in force stay: " + nftMessage + "; fix: correct the value nft names in the env, then run"
        + " systemctl start appliance");
    this.nftMessage = nftMessage;
  }

  /** What {@code nft -c} printed. */
  public String nftMessage() {
    return nftMessage;
  }
}
