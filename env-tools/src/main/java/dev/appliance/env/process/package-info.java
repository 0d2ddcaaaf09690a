/** Running command-line tools (xorriso, gpg, ...): argument lists, never a shell, with a timeout. */
package dev.appliance.env.process;
