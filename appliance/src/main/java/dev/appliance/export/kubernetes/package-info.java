/**
 * {@code appliance export --kubernetes}: the stack and env as plain manifests with a kustomization.yaml, built with
 * fabric8's Kubernetes model. The front proxy gives way to an Ingress, depends_on to readiness probes, the
 * migration to a Job per version, and the data node's directories to claims.
 */
package dev.appliance.export.kubernetes;
