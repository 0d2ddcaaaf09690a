package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * An SSH private key without a passphrase, as ssh-keygen writes it: the OpenSSH format ({@code -----BEGIN OPENSSH
 * PRIVATE KEY-----}) or a PEM private key. A secret: never quoted back.
 */
public final class SshPrivateKeyType extends TextType {

  private static final String OPENSSH = "OPENSSH PRIVATE KEY";
  private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
  private static final String PASTE = "paste the whole private key file, from -----BEGIN to -----END, under a '|' line";

  public SshPrivateKeyType() {
    super("an SSH private key without a passphrase (OpenSSH or PEM)", true);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    return text.contains("-----BEGIN " + OPENSSH + "-----") ? openSshProblem(text) : PemTypes.privateKeyProblem(text, 0);
  }

  private static Optional<Complaint> openSshProblem(String text) {
    byte[] blob;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      PemObject object = reader.readPemObject();
      if (object == null || !object.getType().equals(OPENSSH) || reader.readPemObject() != null) {
        return Complaint.of("is not one OpenSSH private key (a second block, or a missing END line)", PASTE);
      }
      blob = object.getContent();
    } catch (IOException | RuntimeException e) {
      return Complaint.of("is a damaged OpenSSH private key (bad base64 or a missing END line)", PASTE);
    }
    try {
      ByteBuffer buffer = ByteBuffer.wrap(blob);
      byte[] magic = new byte[MAGIC.length];
      buffer.get(magic);
      byte[] cipher = new byte[buffer.getInt()];
      buffer.get(cipher);
      if (!new String(cipher, StandardCharsets.US_ASCII).equals("none")) {
        return Complaint.of("is protected by a passphrase, which the appliance cannot type",
            "remove the passphrase from a copy with 'ssh-keygen -p -N \"\" -f COPY_OF_KEY_FILE'");
      }
      OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(blob);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Complaint.of("is a damaged OpenSSH private key", PASTE);
    }
  }
}
