/**
 * The QR frames of the recovery sheet: env.yml gzipped, Base32-encoded (so coreutils can decode it) and cut into
 * numbered frames that carry their index, the count and a checksum of the whole env.
 */
package dev.appliance.env.build.qr;
