package dev.appliance.env.build.pgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/** The public keys an encrypted package is made for, read from one file of ASCII-armored (or binary) keys. */
public final class Recipients {

  private Recipients() {}

  /** Recipients that cannot be used; the message names the file or the key. */
  public static final class RecipientsException extends Exception {
    private static final long serialVersionUID = 1L;

    public RecipientsException(String message) {
      super(message);
    }
  }

  /**
   * Every key in {@code file}; each must be able to encrypt now.
   *
   * @throws RecipientsException if the file cannot be read, holds no key, or holds a key that cannot encrypt
   */
  public static List<OpenPGPCertificate> read(Path file, java.time.Instant at) throws RecipientsException {
    List<OpenPGPCertificate> keys;
    try {
      keys = new BcOpenPGPApi().readKeyOrCertificate().parseKeysOrCertificates(Files.readAllBytes(file));
    } catch (IOException | RuntimeException e) {
      throw new RecipientsException("cannot read the recipients' keys from " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : "not OpenPGP public keys"
          + " (export them with 'gpg --armor --export KEYID >> " + file.getFileName() + "')"));
    }
    if (keys.isEmpty()) {
      throw new RecipientsException(file + " holds no OpenPGP key");
    }
    Date now = Date.from(at);
    for (OpenPGPCertificate key : keys) {
      if (key.getEncryptionKeys(now).isEmpty()) {
        throw new RecipientsException("the key " + name(key) + " in " + file + " cannot encrypt (no valid encryption"
            + " subkey: it may be sign-only, expired or revoked); remove it or give its owner's current key");
      }
    }
    return keys;
  }

  /** A key as people know it: its fingerprint and primary user ID. */
  static String name(OpenPGPCertificate key) {
    String fingerprint = key.getPrettyFingerprint().replace(" ", "");
    var userId = key.getPrimaryUserId();
    return fingerprint + (userId == null ? "" : " (" + userId.getUserId() + ")");
  }
}
