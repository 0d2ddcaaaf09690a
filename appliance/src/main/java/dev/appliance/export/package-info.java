/**
 * {@code appliance export}: the stack and the active env as a Docker Swarm stack ({@code swarm}) or Kubernetes
 * manifests ({@code kubernetes}), for an organisation that outgrows one machine. What both targets share is here: the
 * stack read with the env, which environment values are secrets, and the refusals with the stack's FILE:LINE:COLUMN.
 */
package dev.appliance.export;
