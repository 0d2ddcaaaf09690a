/**
 * Storage: the runtime layout with owners and modes, label mounts (LUKS2 containers opened first when the env says
 * encrypted), the setup of a new disk, the free-space gate and the running watch on free space, Docker's data root.
 */
package dev.appliance.storage;
