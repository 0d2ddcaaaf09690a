/**
 * env-build: from one valid env.yml, the printable recovery sheet, the cloud-init NoCloud seed ISO and the
 * OpenPGP-encrypted package; each output is proved readable by a round trip in the tests.
 */
package dev.appliance.env.build;
