package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** One line of an OpenSSH {@code authorized_keys} file: type, base64 key blob, optional comment. */
public final class SshPublicKeyType extends TextType {

  private static final Set<String> TYPES = Set.of("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com");
  private static final String FIX = "paste the single line of your public key file, like ~/.ssh/id_ed25519.pub";

  public SshPublicKeyType() {
    // Marked secret so that a private key pasted here by mistake is never printed back.
    super("an SSH public key line (ssh-ed25519 AAAA... comment)", true);
  }

  @Override
  protected Optional<Complaint> checkText(String value) {
    String text = value.strip();
    if (text.contains("PRIVATE KEY")) {
      return Complaint.of("this is a private key, not a public key", "remove it at once and paste the .pub file instead");
    }
    if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      // A line break would write a second authorized_keys line, with options (command=...) the check never saw.
      return Complaint.of("holds a line break or another control character", FIX);
    }
    String[] parts = text.split("\\s+", 3);
    if (parts.length < 2 || !TYPES.contains(parts[0])) {
      return Complaint.of("is not an SSH public key (the line should start with ssh-ed25519, ssh-rsa or ecdsa-sha2-...)", FIX);
    }
    return blobProblem(parts[0], parts[1]).map(why -> new Complaint(why, FIX));
  }

  /**
   * Why {@code base64} is not the key data of a {@code type} key, if it is not: it must decode, and its first field
   * must name that type.
   */
  static Optional<String> blobProblem(String type, String base64) {
    try {
      ByteBuffer blob = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
      byte[] name = new byte[blob.getInt()];
      blob.get(name);
      if (!new String(name, StandardCharsets.US_ASCII).equals(type)) {
        return Optional.of("the key data does not match its type " + type);
      }
    } catch (RuntimeException e) {
      return Optional.of("the key data of this " + type + " key is damaged");
    }
    return Optional.empty();
  }
}
