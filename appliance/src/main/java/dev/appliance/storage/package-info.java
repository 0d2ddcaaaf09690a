/**
 * Storage: the runtime layout with owners and modes, label mounts, the free-space gate and the running watch on free
 * space, Docker's data root.
 */
package dev.appliance.storage;
