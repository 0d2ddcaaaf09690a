/**
 * Certificates from Let's Encrypt or another ACME CA (acme4j): the settings from the env, the account, the http-01
 * challenge answered through the front proxy's folder, the pre-flight check that asks nothing of the CA, the order,
 * the check of what came back, and the state that keeps a failing or rate-limited appliance from retrying in a loop.
 */
package dev.appliance.acme;
