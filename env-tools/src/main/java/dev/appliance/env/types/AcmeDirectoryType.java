package dev.appliance.env.types;

import dev.appliance.env.spec.ScalarType.Complaint;
import java.net.URI;
import java.util.Optional;

/**
 * Where certificates are ordered: {@code production} or {@code staging} (Let's Encrypt's), or the https URL of
 * another ACME CA's directory. Plain http only to this machine (a test CA), since ACME requires TLS.
 */
public final class AcmeDirectoryType extends TextType {

  private static final UrlType URL = UrlType.of("https", "http");
  private static final String FIX = "write production, staging, or your ACME CA's directory URL like"
      + " https://ca.example.org/acme/directory";

  public AcmeDirectoryType() {
    super("production, staging or an ACME directory URL (https://...)", false);
  }

  @Override
  protected Optional<Complaint> checkText(String text) {
    if (text.equals("production") || text.equals("staging")) {
      return Optional.empty();
    }
    if (!text.contains("://")) {
      return Complaint.of("'" + text + "' is not production, staging or a URL", FIX);
    }
    Optional<Complaint> url = URL.checkText(text);
    if (url.isPresent()) {
      return url;
    }
    URI uri = URI.create(text);
    boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost());
    return uri.getScheme().equalsIgnoreCase("http") && !loopback
        ? Complaint.of("'" + text + "' is plain http: ACME needs https (http only to a test CA on this machine)", FIX)
        : Optional.empty();
  }
}
