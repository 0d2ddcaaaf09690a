/**
 * The adapter of the engine port on docker-java ({@link dev.appliance.docker.DockerEngine}), and status's one plain
 * request on Docker's socket ({@link dev.appliance.docker.EngineListing}, which answers before docker-java would have
 * loaded). The only package that talks to Docker; the docker CLI is never run.
 */
package dev.appliance.docker;
