/** Storage: the runtime layout with owners and modes, label mounts, the free-space gate, Docker's data root. */
package dev.appliance.storage;
