package dev.appliance.tls;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * One client certificate the appliance issued, as its index keeps it.
 *
 * @param serial the serial number in upper-case hex, as nginx passes it on in {@code X-Ssl-Client-Serial}
 * @param name the name it was issued for (its CN)
 * @param subject the whole subject, as {@code CN=...,E=...}
 * @param email the e-mail address in it, if any
 * @param notBefore the start of its validity
 * @param notAfter the end of its validity
 * @param revokedAt when it was revoked, if it was
 */
public record IssuedCertificate(String serial, String name, String subject, Optional<String> email, Instant notBefore,
    Instant notAfter, Optional<Instant> revokedAt) {

  /** {@code serial} as nginx writes serials: hex, upper case, whole bytes, no colons. */
  public static String serialText(BigInteger serial) {
    String hex = serial.toString(16).toUpperCase(Locale.ROOT);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }

  public BigInteger serialNumber() {
    return new BigInteger(serial, 16);
  }

  public boolean revoked() {
    return revokedAt.isPresent();
  }

  public boolean expired(Instant now) {
    return !notAfter.isAfter(now);
  }

  public IssuedCertificate withRevokedAt(Instant at) {
    return new IssuedCertificate(serial, name, subject, email, notBefore, notAfter, Optional.of(at));
  }
}
