/**
 * TLS material for the front proxy: the server certificate, and the client-certificate CA with the users'
 * certificates it signs, their index and the CRL built from it.
 */
package dev.appliance.tls;
