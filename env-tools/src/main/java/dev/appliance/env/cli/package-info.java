/**
 * The command-line programs env-new and env-check, thin picocli layers over the env model. Exit codes: 0 ok,
 * 1 failure, 2 bad input.
 */
package dev.appliance.env.cli;
