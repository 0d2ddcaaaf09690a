package dev.appliance.env.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * The DNS records an appliance needs to serve HTTPS and send mail that is not taken for spam: A, MX, SPF, DMARC,
 * DKIM, and the PTR record that only the owner of the IP address can set.
 */
public final class DnsRecords {

  static final String ADDRESS = "203.0.113.10";

  private DnsRecords() {}

  /** Zone-file lines for {@code domain}; 203.0.113.10 stands for the appliance's public IPv4 address. */
  public static List<String> forDomain(String domain, String selector, String dkimPublicKeyBase64) {
    String name = domain + ".";
    List<String> lines = new ArrayList<>();
    lines.add("; Publish these records for " + domain + "; replace " + ADDRESS + " with the appliance's public IPv4 address.");
    lines.add(String.format("%-40s IN A     %s", name, ADDRESS));
    lines.add(String.format("%-40s IN MX    10 %s", name, name));
    lines.add(String.format("%-40s IN TXT   \"v=spf1 a mx -all\"", name));
    lines.add(String.format("%-40s IN TXT   \"v=DMARC1; p=quarantine; adkim=s; aspf=s; rua=mailto:postmaster@%s\"", "_dmarc." + name, domain));
    lines.add(String.format("%-40s IN TXT   ( %s )", selector + "._domainkey." + name, chunks("v=DKIM1; k=rsa; p=" + dkimPublicKeyBase64)));
    lines.add("; PTR: ask the provider of the IP address to point it back to the domain:");
    lines.add(String.format("%-40s IN PTR   %s", "10.113.0.203.in-addr.arpa.", name));
    return lines;
  }

  /** A TXT value split into quoted strings of at most 255 characters, as DNS requires. */
  private static String chunks(String value) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < value.length(); i += 255) {
      parts.add("\"" + value.substring(i, Math.min(value.length(), i + 255)) + "\"");
    }
    return String.join(" ", parts);
  }
}
