/** The connection to the Docker engine, through its socket with docker-java; the docker CLI is never run. */
package dev.appliance.docker;
