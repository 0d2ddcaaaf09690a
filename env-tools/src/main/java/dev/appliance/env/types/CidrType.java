package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address with a prefix length, {@code 192.0.2.0/24} or {@code 2001:db8::/32}. As a network (the
 * firewall's sources, a peer's allowed IPs) its host bits must be zero, since nft and WireGuard would silently widen
 * or refuse it; as an interface address ({@link #address()}) they are the address itself.
 */
public final class CidrType extends TextType {

  private static final Pattern FORM = Pattern.compile("([0-9.]+|[0-9A-Fa-f:]+)/(\\d{1,3})");
  /** Four decimal parts without leading zeros: the only IPv4 form nft and WireGuard read as Java does. */
  private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}"
      + "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private final boolean network;

  private CidrType(String description, boolean network) {
    super(description, false);
    this.network = network;
  }

  /** A network: host bits zero. */
  public static CidrType network() {
    return new CidrType("a network in CIDR form (192.0.2.0/24, 2001:db8::/32)", true);
  }

  /** An address with its network's prefix length, like {@code 10.77.0.1/24}. */
  public static CidrType address() {
    return new CidrType("an address with its prefix length (10.77.0.1/24)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches() || !(m.group(1).contains(".") || m.group(1).contains(":"))) {
      return Complaint.of("'" + text + "' is not " + description(), "write ADDRESS/PREFIX, like 192.0.2.0/24");
    }
    // Java also reads 10.0 and 010.0.0.0 (as 10.0.0.0), which nft refuses or reads otherwise (8.0.0.0).
    if (m.group(1).contains(".") && !IPV4.matcher(m.group(1)).matches()) {
      return Complaint.of("'" + m.group(1) + "' is not an IPv4 address in its usual form",
          "write four numbers from 0 to 255 without leading zeros, like 10.0.0.0");
    }
    byte[] bytes;
    try {
      // Only literal addresses reach here (a checked IPv4 form, or hex digits and colons), so this never looks up a name.
      bytes = InetAddress.getByName(m.group(1)).getAddress();
    } catch (UnknownHostException e) {
      return Complaint.of("'" + m.group(1) + "' is not an IP address", "write an IPv4 (192.0.2.0) or IPv6 (2001:db8::) address");
    }
    int bits = bytes.length * 8;
    int prefix = Integer.parseInt(m.group(2));
    if (prefix > bits) {
      return Complaint.of("the prefix /" + prefix + " is longer than the address (" + bits + " bits)",
          "use a prefix from 0 to " + bits);
    }
    if (network) {
      BigInteger value = new BigInteger(1, bytes);
      BigInteger host = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
      if (!value.and(host).equals(BigInteger.ZERO)) {
        return Complaint.of("'" + text + "' has host bits set", "write the network, " + networkOf(value.andNot(host), bytes.length)
            + "/" + prefix + " (a single address is ADDRESS/" + bits + ")");
      }
    }
    return Optional.empty();
  }

  private static String networkOf(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] bytes = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
