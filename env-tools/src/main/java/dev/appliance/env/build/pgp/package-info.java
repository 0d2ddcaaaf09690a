/**
 * The encrypted package: env.yml, the recovery sheet and the seed ISO in a tar.gz, encrypted with OpenPGP to every
 * recipient key (AES-256 with integrity protection, a format GnuPG 2.2 reads).
 */
package dev.appliance.env.build.pgp;
