/**
 * The {@code appliance} command: the supervisor's entry point, with one subcommand per systemd unit as they are
 * added (prepare-env, prepare-appliance, prepare-app, run, ...).
 */
package dev.appliance.cli;
