/** The failed state: the flag, what raising it shows and records, and the refusal to start while it stands. */
package dev.appliance.failure;
