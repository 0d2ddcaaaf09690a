/**
 * The WireGuard VPN: the interface {@code wg-appliance} configured from the env's appliance/vpn with Debian's
 * wireguard-tools ({@code wg-quick@wg-appliance}); the firewall lets SSH and HTTPS through it when the env says so.
 */
package dev.appliance.vpn;
