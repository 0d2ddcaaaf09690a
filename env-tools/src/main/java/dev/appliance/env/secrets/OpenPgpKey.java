package dev.appliance.env.secrets;

import java.io.IOException;
import java.util.Date;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.OpenPGPApi;
import org.bouncycastle.openpgp.api.OpenPGPKey;
import org.bouncycastle.openpgp.api.SignatureParameters;
import org.bouncycastle.openpgp.api.SignatureSubpacketsFunction;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/**
 * An OpenPGP key pair that GnuPG 2.2 can use: a v4 Ed25519 primary key with an X25519 encryption subkey, algorithm
 * preferences on the user-ID signature (else gpg falls back to 3DES), no AEAD key protection, and no expiry (an
 * application's storage key must not stop working after five years, Bouncy Castle's default).
 *
 * @param secretKeyArmored the ASCII-armored secret key, a secret
 * @param publicKeyArmored the ASCII-armored public key (certificate)
 * @param fingerprint the key's fingerprint in hex
 */
public record OpenPgpKey(String secretKeyArmored, String publicKeyArmored, String fingerprint) {

  /** Generates a key for {@code userId}, like {@code "vault <vault@example.org>"}. */
  public static OpenPgpKey generate(String userId, java.time.Instant now) throws PGPException, IOException {
    OpenPGPApi api = new BcOpenPGPApi();
    OpenPGPKey key = api.generateKey(PublicKeyPacket.VERSION_4, Date.from(now), false)
        .withPrimaryKey(g -> g.generateLegacyEd25519KeyPair(), hashed(OpenPgpKey::withoutExpiry))
        .addUserId(userId, hashed(OpenPgpKey::gnupgPreferences))
        .addEncryptionSubkey(g -> g.generateLegacyX25519KeyPair(), hashed(OpenPgpKey::withoutExpiry))
        .build();
    return new OpenPgpKey(key.toAsciiArmoredString(), key.toCertificate().toAsciiArmoredString(),
        key.getPrettyFingerprint().replace(" ", ""));
  }

  @Override
  public String toString() {
    return "OpenPgpKey[fingerprint=" + fingerprint + ", secretKeyArmored=[REDACTED]]";
  }

  private static SignatureParameters.Callback hashed(SignatureSubpacketsFunction function) {
    return new SignatureParameters.Callback() {
      @Override
      public SignatureParameters apply(SignatureParameters parameters) {
        return parameters.setHashedSubpacketsFunction(function);
      }
    };
  }

  private static org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator withoutExpiry(
      org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator subpackets) {
    subpackets.removePacketsOfType(SignatureSubpacketTags.KEY_EXPIRE_TIME);
    return subpackets;
  }

  private static org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator gnupgPreferences(
      org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator subpackets) {
    withoutExpiry(subpackets);
    subpackets.removePacketsOfType(SignatureSubpacketTags.PREFERRED_SYM_ALGS);
    subpackets.removePacketsOfType(SignatureSubpacketTags.PREFERRED_HASH_ALGS);
    subpackets.removePacketsOfType(SignatureSubpacketTags.PREFERRED_COMP_ALGS);
    subpackets.removePacketsOfType(SignatureSubpacketTags.FEATURES);
    subpackets.setPreferredSymmetricAlgorithms(false,
        new int[] {SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
    subpackets.setPreferredHashAlgorithms(false,
        new int[] {HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
    subpackets.setPreferredCompressionAlgorithms(false,
        new int[] {CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.ZIP, CompressionAlgorithmTags.UNCOMPRESSED});
    subpackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
    return subpackets;
  }
}
