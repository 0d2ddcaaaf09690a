/**
 * Generation of every secret a new env holds, from {@link java.security.SecureRandom}: tokens and passwords, the
 * DKIM key, OpenPGP keys that GnuPG reads, and the client-certificate CA.
 */
package dev.appliance.env.secrets;
