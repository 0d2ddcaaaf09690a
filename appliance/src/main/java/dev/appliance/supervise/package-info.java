/** Running and supervising the stack: start order and health, restarts with backoff, readiness for systemd. */
package dev.appliance.supervise;
