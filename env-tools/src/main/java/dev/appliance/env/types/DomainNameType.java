package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.net.IDN;
import java.util.Optional;
import java.util.regex.Pattern;

/** A DNS host name by RFC 1123: labels of letters, digits and hyphens, in lower case, at most 253 characters. */
public final class DomainNameType extends TextType {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public DomainNameType() {
    super("a domain name", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    return complaint(text);
  }

  /** What is wrong with {@code name} and how to fix it, in full, if it is not a valid domain name. */
  public static Optional<Complaint> complaint(String name) {
    return problem(name).map(why -> new Complaint("'" + name + "' is not a valid domain name: " + why.message(), why.fix()));
  }

  /** Why {@code name} is not a valid domain name, if it is not. */
  public static Optional<Complaint> problem(String name) {
    if (name.contains("://") || name.contains("/")) {
      return Complaint.of("it holds a URL", "write only the host name, like example.org");
    }
    if (IPV4.matcher(name).matches() || name.contains(":")) {
      return Complaint.of("it is an IP address", "use the DNS name that points to the address");
    }
    if (!name.chars().allMatch(c -> c < 128)) {
      return Complaint.of("it has non-ASCII letters", "write it in its ASCII form: " + toAscii(name));
    }
    if (!name.equals(name.toLowerCase())) {
      return Complaint.of("it has capital letters", "write it in lower case: " + name.toLowerCase());
    }
    if (name.endsWith(".")) {
      return Complaint.of("it ends with a dot", "leave out the trailing dot");
    }
    if (name.length() > 253) {
      return Complaint.of("it is longer than 253 characters", "use a shorter name");
    }
    String[] labels = name.split("\\.", -1);
    for (String label : labels) {
      if (label.isEmpty()) {
        return Complaint.of("it has an empty label (two dots in a row, or a leading dot)", "remove the extra dot");
      }
      if (label.length() > 63) {
        return Complaint.of("the label '" + label.substring(0, 10) + "...' is longer than 63 characters", "shorten it");
      }
      if (!LABEL.matcher(label).matches()) {
        return Complaint.of("the label '" + label + "' may hold only a-z, 0-9 and inner hyphens",
            "remove characters like _ or spaces, and hyphens at either end");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      return Complaint.of("the last label is a number", "use a real top-level domain");
    }
    return Optional.empty();
  }

  /** Whether a public CA such as Let's Encrypt can issue for the name (not a single label or a reserved name). */
  public static boolean isPublic(String name) {
    String lower = name.toLowerCase();
    return lower.contains(".")
        && !lower.matches(".*\\.(localhost|local|test|example|invalid|internal|lan|home\\.arpa)$");
  }

  private static String toAscii(String name) {
    try {
      return IDN.toASCII(name);
    } catch (IllegalArgumentException e) {
      return "xn--... (punycode)";
    }
  }
}
