/** The preparation steps of the chain (prepare-env, prepare-appliance, prepare-app) and what they share. */
package dev.appliance.steps;
