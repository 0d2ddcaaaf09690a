/**
 * Backups with restic: {@code appliance backup} (the database streamed from pg_dump, {@code /data} without the live
 * cluster, and a manifest, each run verified before it counts), retention, {@code appliance restore} onto a fresh
 * appliance, and the weekly restore drill. restic runs on the host as a separate process; its password, repository
 * and keys reach it as files under {@code /run}, never on its command line.
 */
package dev.appliance.backup;
