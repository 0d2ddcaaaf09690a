/** The stack's containers in the engine: specification, start order, health, one-off runs, stop. */
package dev.appliance.containers;
