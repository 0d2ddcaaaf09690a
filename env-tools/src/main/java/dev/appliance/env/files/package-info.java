/** Writing files that hold secrets: mode 0600 from their first byte, whole or not at all, and wiped when temporary. */
package dev.appliance.env.files;
