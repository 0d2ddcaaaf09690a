/** TLS material for the front proxy: the server certificate and the client-certificate CA with its CRL. */
package dev.appliance.tls;
