/** Finding the env (a file, the cidata or config-2 drive, the metadata service) and the active env it becomes. */
package dev.appliance.envsource;
