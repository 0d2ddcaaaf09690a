/**
 * The Docker Swarm target of {@code appliance export}: a compose-format-3.9 stack file with secrets, the front's site
 * as a config and the data node's placement, and deploy.sh, which labels the node, prepares its directories, runs
 * the migration as a one-off job and deploys. What differs from the appliance is written to EXPORT-NOTES.md.
 */
package dev.appliance.export.swarm;
