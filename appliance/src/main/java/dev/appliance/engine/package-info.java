/**
 * The container engine port: what the appliance asks of Docker, the guard that keeps removals to the appliance's own
 * resources, and the types that cross it. The docker-java adapter is in {@code dev.appliance.docker}.
 */
package dev.appliance.engine;
