/**
 * The firewall: the appliance's own nftables table ({@code inet appliance}) rendered from the env's
 * appliance/firewall and appliance/vpn, checked with {@code nft -c} and replaced atomically. Other tables (Docker's
 * among them) are never touched.
 */
package dev.appliance.firewall;
