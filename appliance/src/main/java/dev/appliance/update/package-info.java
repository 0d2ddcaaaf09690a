/**
 * {@code appliance update} and {@code appliance rollback}: a new version of the stack switched in without a failed
 * request where it needs no migration, behind the maintenance page with an automatic rollback where it does, every
 * state in a journal so that a killed update resumes or rolls back.
 */
package dev.appliance.update;
