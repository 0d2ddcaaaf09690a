package dev.appliance.env.build.pgp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.api.MessageEncryptionMechanism;
import org.bouncycastle.openpgp.api.OpenPGPCertificate;
import org.bouncycastle.openpgp.api.OpenPGPEncryptionNegotiator;
import org.bouncycastle.openpgp.api.OpenPGPMessageGenerator;
import org.bouncycastle.openpgp.api.OpenPGPMessageOutputStream;
import org.bouncycastle.openpgp.api.bc.BcOpenPGPApi;

/**
 * {@code DOMAIN.env.YYYY-MM-DD_HH.MM.tar.gz.gpg}: a tar.gz of the given files, encrypted to every recipient.
 * The message uses SEIPD version 1 with AES-256: Bouncy Castle's default (SEIPD v2, AEAD) is unreadable for GnuPG 2.2.
 */
public final class EncryptedPackage {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH.mm").withZone(ZoneOffset.UTC);

  private EncryptedPackage() {}

  /** The package's file name for {@code domain} at {@code time} (UTC). */
  public static String fileName(String domain, Instant time) {
    return domain + ".env." + STAMP.format(time) + ".tar.gz.gpg";
  }

  /** Writes the encrypted tar.gz of {@code files} (name to content, in order) to {@code out}. */
  public static void write(OutputStream out, List<OpenPGPCertificate> recipients, Map<String, byte[]> files, Instant time)
      throws IOException, PGPException {
    OpenPGPMessageGenerator generator = new BcOpenPGPApi().signAndOrEncryptMessage().setArmored(false);
    generator.setPublicKeyBasedEncryptionNegotiator(new OpenPGPEncryptionNegotiator() {
      @Override
      public MessageEncryptionMechanism negotiateEncryption(OpenPGPMessageGenerator g) {
        return MessageEncryptionMechanism.integrityProtected(SymmetricKeyAlgorithmTags.AES_256);
      }
    });
    // The tar is gzipped already: compressing again only costs time.
    generator.setCompressionNegotiator((g, policy) -> CompressionAlgorithmTags.UNCOMPRESSED);
    for (OpenPGPCertificate recipient : recipients) {
      generator.addEncryptionCertificate(recipient);
    }
    try (OpenPGPMessageOutputStream encrypted = generator.open(out);
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(encrypted);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
        entry.setSize(file.getValue().length);
        entry.setMode(0100600);
        entry.setModTime(java.util.Date.from(time));
        tar.putArchiveEntry(entry);
        tar.write(file.getValue());
        tar.closeArchiveEntry();
      }
    }
  }
}
