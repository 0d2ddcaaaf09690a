package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of an OpenSSH {@code known_hosts} file: {@code HOSTS KEYTYPE BASE64KEY}, HOSTS being names or addresses
 * ({@code host.example.org}, {@code [127.0.0.1]:2222}, comma-separated) or one hashed entry ({@code |1|...}).
 */
public final class KnownHostsLineType extends TextType {

  /** The types of SSH host keys; security-key types (sk-...) are user keys only. */
  private static final List<String> HOST_KEY_TYPES = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
      "ecdsa-sha2-nistp521", "ssh-rsa");
  // A name, an IPv4 address or a pattern; an IPv6 address; or any of them with a port, in brackets. host:port
  // without brackets is not a known_hosts entry: ssh would never match it.
  private static final Pattern HOST = Pattern.compile(
      "[A-Za-z0-9._*?-]+|[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*|\\[[A-Za-z0-9._:-]+]:\\d{1,5}");
  private static final Pattern HASHED = Pattern.compile("\\|1\\|[A-Za-z0-9+/=]+\\|[A-Za-z0-9+/=]+");
  private static final String FIX = "copy the line of the backup server from 'ssh-keyscan -p PORT HOST' (or from your"
      + " ~/.ssh/known_hosts), like: [backup.example.org]:2222 ssh-ed25519 AAAA...";

  public KnownHostsLineType() {
    super("a known_hosts line (HOSTS KEYTYPE BASE64KEY)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String value) {
    String[] parts = value.strip().split("\\s+", 4);
    if (HOST_KEY_TYPES.contains(parts[0])) {
      return Complaint.of("the host names are missing before the key type " + parts[0], FIX);
    }
    if (parts.length < 3 || parts[0].startsWith("@")) {
      return Complaint.of("'" + value.strip() + "' is not a known_hosts line (HOSTS KEYTYPE BASE64KEY)", FIX);
    }
    if (!HASHED.matcher(parts[0]).matches() && !List.of(parts[0].split(",", -1)).stream().allMatch(h -> HOST.matcher(h).matches())) {
      return Complaint.of("'" + parts[0] + "' is not a host list (names or addresses separated by commas, a"
          + " non-standard port written [host]:port)", FIX);
    }
    if (!HOST_KEY_TYPES.contains(parts[1])) {
      return Complaint.of("'" + parts[1] + "' is not an SSH host key type (" + String.join(", ", HOST_KEY_TYPES) + ")", FIX);
    }
    return SshPublicKeyType.blobProblem(parts[1], parts[2]).map(why -> new Complaint(why, FIX));
  }
}
