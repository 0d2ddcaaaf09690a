/**
 * The validated env as immutable records with every default applied: what the appliance's steps read. Secrets are
 * {@link dev.appliance.env.model.Secret}s, which never print their value.
 */
package dev.appliance.env.model;
